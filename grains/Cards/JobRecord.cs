using CardActors.Storage.Serialization;

namespace CardActors.Grains.Cards;

/// <summary>A production job with what only the card grain may know: the secrets of its current claim, encrypted (never the PIN, in any form).</summary>
/// <param name="ToState">The state the card takes when the job is done.</param>
/// <param name="Issued">Certificates the CA issued for the current claim, oldest first; a slot issued again supersedes its older ones.</param>
[OmitNulls]
public sealed record JobRecord(
    ProductionJob Job,
    CardState ToState,
    StateMachines.TransitionCondition Condition,
    string? EncryptedPuk = null,
    string? EncryptedManagementKey = null,
    IReadOnlyList<JobCertificate>? Issued = null);

namespace CardActors.Grains.Cards;

/// <summary>A production job with what only the card grain may know: the secrets of its current claim, encrypted (never the PIN, in any form).</summary>
/// <param name="ToState">The state the card takes when the job is done.</param>
public sealed record JobRecord(
    ProductionJob Job,
    CardState ToState,
    StateMachines.TransitionCondition Condition,
    string? EncryptedPuk = null,
    string? EncryptedManagementKey = null);

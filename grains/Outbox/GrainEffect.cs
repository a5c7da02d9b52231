using System.Text.Json.Serialization;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Outbox;

/// <summary>One call to another grain, owed by a committed change.</summary>
/// <param name="Key">Unique per effect (source grain, sequence, index): receivers remember it to apply an effect once.</param>
/// <param name="TargetId">The key of the grain to call: a user id, a card id, the CA's key.</param>
/// <param name="Serials">The certificates a <see cref="EffectKind.SetCertificateStatus"/> is about.</param>
[OmitNulls]
public sealed record GrainEffect(
    EffectKind Kind,
    string Key,
    string TargetId,
    string? CardId = null,
    CardKind? CardKind = null,
    CardState? CardState = null,
    long Version = 0,
    string? OtherId = null,
    IReadOnlyList<string>? Serials = null,
    CertificateStatus? CertificateStatus = null)
{
    /// <summary>
    /// The effect tells its target the source's state at <see cref="Version"/>, and the target keeps
    /// only the newest version it was told: a repeat of the source's latest statement is a no-op
    /// however late it comes. The other kinds are commands, remembered by key for a while only.
    /// </summary>
    [JsonIgnore]
    public bool Restates => Kind is EffectKind.ReportCardToUser or EffectKind.SetCertificateStatus;
}

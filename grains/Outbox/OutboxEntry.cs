using System.Text.Json.Serialization;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Outbox;

/// <summary>
/// What one committed change owes the rest of the system, written in the same state write as the
/// change: its audit row, the new search rows, the calls to other grains. Drained idempotently
/// (keyed by grain id and <see cref="Sequence"/>), so draining twice is harmless.
/// </summary>
[OmitNulls]
public sealed record OutboxEntry(long Sequence, AuditRecord? Audit, CardSummary? Card, UserSummary? User, IReadOnlyList<GrainEffect>? Effects)
{
    [JsonIgnore]
    public bool HasEffects => Effects is { Count: > 0 };

    /// <summary>Every effect only restates the source's state at this version (<see cref="GrainEffect.Restates"/>): delivering it again, at any time, changes nothing.</summary>
    [JsonIgnore]
    public bool OnlyRestates => Effects is null || Effects.All(e => e.Restates);
}

using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Production;

[OmitNulls]
public sealed record DispatcherRecord : IAuditedState<DispatcherRecord>
{
    public bool Paused { get; init; }

    public string? ChangedBy { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public DispatcherRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public DispatcherRecord WithSequence(long sequence) => this with { Sequence = sequence };
}

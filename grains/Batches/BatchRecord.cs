using CardActors.Grains.Outbox;

namespace CardActors.Grains.Batches;

public sealed record BatchRecord : IAuditedState<BatchRecord>
{
    public bool Exists { get; init; }

    public BatchKind Kind { get; init; }

    public string UseCase { get; init; } = "";

    public string CardType { get; init; } = "";

    public BatchOrderStatus Status { get; init; }

    public int ConfigVersion { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public IReadOnlyList<BatchItemRecord> Items { get; init; } = [];

    /// <summary>The production line whose stations get the batch's jobs pushed (null: stations by id, or any).</summary>
    public string? LineId { get; init; }

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public BatchRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public BatchRecord WithSequence(long sequence) => this with { Sequence = sequence };
}

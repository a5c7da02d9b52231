using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Batches;

[OmitNulls]
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

    /// <summary>The items of a batch stored before they had pages of their own; empty since (see <see cref="ItemPages"/>).</summary>
    public IReadOnlyList<BatchItemRecord> Items { get; init; } = [];

    /// <summary>How many <see cref="IBatchItemPageGrain"/> pages hold the items (<c>{id}/0</c> …).</summary>
    public int ItemPages { get; init; }

    /// <summary>The production line whose stations get the batch's jobs pushed (null: stations by id, or any).</summary>
    public string? LineId { get; init; }

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public BatchRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public BatchRecord WithSequence(long sequence) => this with { Sequence = sequence };
}

namespace CardActors.Grains;

/// <summary>A batch order and its items; item statuses are read from the cards (the truth) on every call.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.BatchOrderDetails")]
public sealed record BatchOrderDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] BatchKind Kind,
    [property: Id(2)] string UseCase,
    [property: Id(3)] string CardType,
    [property: Id(4)] BatchOrderStatus Status,
    [property: Id(5)] int ConfigVersion,
    [property: Id(6)] string CreatedBy,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? CompletedAt,
    [property: Id(9)] IReadOnlyList<BatchItem> Items,
    [property: Id(10)] int Pending,
    [property: Id(11)] int Done,
    [property: Id(12)] int Failed,
    [property: Id(13)] int Rejected)
{
    /// <summary>
    /// The items the command that answered this refused (Repeat production), with their codes; empty
    /// for any other answer. Added later, so older callers that ignore it keep working.
    /// </summary>
    [Id(14)]
    public IReadOnlyList<BatchItemRefusal> Refused { get; init; } = [];

    /// <summary>The production line the batch's jobs run on; null when they were given to stations by id (or to any).</summary>
    [Id(15)]
    public string? LineId { get; init; }

    /// <summary>Of <see cref="Pending"/>: the items a station is working on (claimed); the rest wait for a station.</summary>
    [Id(16)]
    public int InProgress { get; init; }

    /// <summary>Items finished (done or failed) in the last hour, per hour of the batch's life within that hour.</summary>
    [Id(17)]
    public double CardsPerHour { get; init; }

    /// <summary>When the pending items will be finished at <see cref="CardsPerHour"/>; null when nothing is pending or nothing finished yet.</summary>
    [Id(18)]
    public DateTimeOffset? EstimatedCompletion { get; init; }
}

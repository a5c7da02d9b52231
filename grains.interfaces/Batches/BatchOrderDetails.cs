namespace CardActors.Grains;

/// <summary>A batch order and its items; item statuses are read from the cards (the truth) on every call.</summary>
public sealed record BatchOrderDetails(
    string Id,
    BatchKind Kind,
    string UseCase,
    string CardType,
    BatchOrderStatus Status,
    int ConfigVersion,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<BatchItem> Items,
    int Pending,
    int Done,
    int Failed,
    int Rejected)
{
    /// <summary>
    /// The items the command that answered this refused (Repeat production), with their codes; empty
    /// for any other answer. Added later, so older callers that ignore it keep working.
    /// </summary>
    public IReadOnlyList<BatchItemRefusal> Refused { get; init; } = [];
}

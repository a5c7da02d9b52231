using CardActors.Storage.Serialization;

namespace CardActors.Grains.Batches;

/// <summary>What the batch remembers of an item; the rest is read from the card. Written once, when the batch starts.</summary>
/// <param name="ErrorCode">Set when the item's use case was refused: the item is rejected.</param>
[GenerateSerializer, Immutable, Alias("CardActors.BatchItemRecord"), OmitNulls]
public sealed record BatchItemRecord(
    [property: Id(0)] string? CardId,
    [property: Id(1)] string? UserId,
    [property: Id(2)] string? StationId,
    [property: Id(3)] string? ErrorCode,
    [property: Id(4)] string? Reason);

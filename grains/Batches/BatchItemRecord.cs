namespace CardActors.Grains.Batches;

/// <summary>What the batch remembers of an item; the rest is read from the card.</summary>
/// <param name="ErrorCode">Set when the item's use case was refused: the item is rejected.</param>
public sealed record BatchItemRecord(string? CardId, string? UserId, string? StationId, string? ErrorCode, string? Reason);

namespace CardActors.Grains;

/// <summary>One card of a batch order.</summary>
/// <param name="CardId">Null for a rejected request of a user.</param>
/// <param name="ErrorCode">For <see cref="BatchItemStatus.Rejected"/>: the domain error code, e.g. <c>user.not-active</c>.</param>
[GenerateSerializer, Immutable, Alias("CardActors.BatchItem")]
public sealed record BatchItem(
    [property: Id(0)] string? CardId,
    [property: Id(1)] string? UserId,
    [property: Id(2)] BatchItemStatus Status,
    [property: Id(3)] string? JobId,
    [property: Id(4)] int Attempts,
    [property: Id(5)] CardState? CardState,
    [property: Id(6)] string? CardSerial,
    [property: Id(7)] string? StationId,
    [property: Id(8)] string? Reason,
    [property: Id(9)] string? ErrorCode);

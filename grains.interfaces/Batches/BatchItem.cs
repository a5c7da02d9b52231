namespace CardActors.Grains;

/// <summary>One card of a batch order.</summary>
/// <param name="CardId">Null for a rejected request of a user.</param>
/// <param name="ErrorCode">For <see cref="BatchItemStatus.Rejected"/>: the domain error code, e.g. <c>user.not-active</c>.</param>
public sealed record BatchItem(
    string? CardId,
    string? UserId,
    BatchItemStatus Status,
    string? JobId,
    int Attempts,
    CardState? CardState,
    string? CardSerial,
    string? StationId,
    string? Reason,
    string? ErrorCode);

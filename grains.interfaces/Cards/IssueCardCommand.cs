namespace CardActors.Grains;

/// <summary>
/// <c>CardsProcIssue</c>: starts a production job for one station. For an <c>approved</c> card
/// leave <see cref="UserId"/> and <see cref="CardType"/> null; to issue straight to an active user
/// (when Request card is disabled) give both and use a new card id.
/// </summary>
public sealed record IssueCardCommand(string? UserId = null, string? CardType = null, string? StationId = null);

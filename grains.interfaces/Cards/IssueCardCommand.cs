namespace CardActors.Grains;

/// <summary>
/// <c>CardsProcIssue</c>: starts a production job for one station. For an <c>approved</c> card
/// leave <see cref="UserId"/> and <see cref="CardType"/> null; to issue straight to an active user
/// (when Request card is disabled) give both and use a new card id.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.IssueCardCommand")]
public sealed record IssueCardCommand([property: Id(0)] string? UserId = null, [property: Id(1)] string? CardType = null, [property: Id(2)] string? StationId = null);

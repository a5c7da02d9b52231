namespace CardActors.Api.Contracts;

/// <summary>Issue card (<c>CardsProcIssue</c>) straight to an active user, without a request: a new card.</summary>
public sealed record IssueNewCardBody(string UserId, string CardType, string? StationId = null);

namespace CardActors.Api.Contracts;

/// <summary>Request card (<c>CardsProcRequest</c>) for an active user.</summary>
public sealed record RequestCardBody(string UserId, string CardType, string? Comment = null);

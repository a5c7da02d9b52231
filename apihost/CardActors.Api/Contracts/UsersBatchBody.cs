namespace CardActors.Api.Contracts;

/// <summary>Request (or order) one card per user.</summary>
public sealed record UsersBatchBody(string CardType, IReadOnlyList<string> UserIds, string? ProductionType = null);

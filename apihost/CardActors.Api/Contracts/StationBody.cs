namespace CardActors.Api.Contracts;

/// <summary>The station that shall produce the card; null: any station. On a claim only the caller's own key name is accepted (it is the default).</summary>
public sealed record StationBody(string? StationId = null);

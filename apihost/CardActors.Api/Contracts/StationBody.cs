namespace CardActors.Api.Contracts;

/// <summary>The station that shall produce the card or take the job; null: any station (claim: the caller's key name).</summary>
public sealed record StationBody(string? StationId = null);

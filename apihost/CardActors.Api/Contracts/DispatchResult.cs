namespace CardActors.Api.Contracts;

/// <summary>How many queued external orders a dispatch run sent.</summary>
public sealed record DispatchResult(int Dispatched);

namespace CardActors.Api.Contracts;

/// <summary>Repeat production for the failed items named, or (null) every failed one.</summary>
public sealed record RepeatProductionBody(IReadOnlyList<string>? CardIds = null);

namespace CardActors.Grains;

/// <summary>Repeat production of failed items: the given cards (each must have failed) or, when null, every failed one.</summary>
public sealed record RepeatProductionCommand(IReadOnlyList<string>? CardIds = null);

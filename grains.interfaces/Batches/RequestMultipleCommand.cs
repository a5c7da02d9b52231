namespace CardActors.Grains;

/// <summary>Request (or, external, order) one card per user; users that are not active are rejected items, the rest go ahead.</summary>
public sealed record RequestMultipleCommand(string CardType, IReadOnlyList<string> UserIds, string? ProductionType = null);

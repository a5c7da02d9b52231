namespace CardActors.Grains;

/// <summary>Request (or, external, order) one card per user; users that are not active are rejected items, the rest go ahead.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.RequestMultipleCommand")]
public sealed record RequestMultipleCommand([property: Id(0)] string CardType, [property: Id(1)] IReadOnlyList<string> UserIds, [property: Id(2)] string? ProductionType = null);

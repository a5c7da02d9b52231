namespace CardActors.Grains;

/// <summary><c>TempCardsProcRequest</c>: <paramref name="Amount"/> (1–9) new temporary cards in state requested.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.RequestTemporaryCardsCommand")]
public sealed record RequestTemporaryCardsCommand([property: Id(0)] string CardType, [property: Id(1)] int Amount);

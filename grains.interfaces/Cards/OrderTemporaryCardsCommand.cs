namespace CardActors.Grains;

/// <summary>
/// <c>TempCardsAddonExtProdProcOrder</c>: <paramref name="Amount"/> (1–9) temporary cards ordered
/// from the external producer for <paramref name="UserId"/> (who must be active), each in state
/// processing (queue option) or ordered.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.OrderTemporaryCardsCommand")]
public sealed record OrderTemporaryCardsCommand([property: Id(0)] string CardType, [property: Id(1)] int Amount, [property: Id(2)] string UserId, [property: Id(3)] string? ProductionType = null);

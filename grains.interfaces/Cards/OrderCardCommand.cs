namespace CardActors.Grains;

/// <summary><c>CardsAddonExtProdProcOrder</c> on a new card id: <c>processing</c> (queue option) or <c>ordered</c>.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.OrderCardCommand")]
public sealed record OrderCardCommand([property: Id(0)] string UserId, [property: Id(1)] string CardType, [property: Id(2)] string? ProductionType = null);

namespace CardActors.Grains;

/// <summary><c>CardsAddonExtProdProcOrder</c> on a new card id: <c>processing</c> (queue option) or <c>ordered</c>.</summary>
public sealed record OrderCardCommand(string UserId, string CardType, string? ProductionType = null);

namespace CardActors.Api.Contracts;

/// <summary>Order card from the external producer (<c>CardsAddonExtProdProcOrder</c>).</summary>
public sealed record OrderCardBody(string UserId, string CardType, string? ProductionType = null);

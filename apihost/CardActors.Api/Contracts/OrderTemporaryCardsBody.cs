namespace CardActors.Api.Contracts;

/// <summary>Order temporary cards from the external producer (<c>TempCardsAddonExtProdProcOrder</c>): 1-9 cards.</summary>
public sealed record OrderTemporaryCardsBody(string CardType, int Amount, string UserId, string? ProductionType = null);

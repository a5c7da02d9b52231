namespace CardActors.Grains;

/// <summary>
/// <c>TempCardsAddonExtProdProcOrder</c>: <paramref name="Amount"/> (1–9) temporary cards ordered
/// from the external producer for <paramref name="UserId"/> (who must be active), each in state
/// processing (queue option) or ordered.
/// </summary>
public sealed record OrderTemporaryCardsCommand(string CardType, int Amount, string UserId, string? ProductionType = null);

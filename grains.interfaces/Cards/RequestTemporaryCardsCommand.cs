namespace CardActors.Grains;

/// <summary><c>TempCardsProcRequest</c>: <paramref name="Amount"/> (1–9) new temporary cards in state requested.</summary>
public sealed record RequestTemporaryCardsCommand(string CardType, int Amount);

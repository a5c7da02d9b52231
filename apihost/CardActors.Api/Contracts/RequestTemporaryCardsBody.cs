namespace CardActors.Api.Contracts;

/// <summary>Request temporary cards (<c>TempCardsProcRequest</c>): 1-9 new cards in state requested.</summary>
public sealed record RequestTemporaryCardsBody(string CardType, int Amount);

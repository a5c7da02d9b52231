namespace CardActors.Grains;

/// <summary><c>CardsProcRequest</c>: ends in <c>requested</c> with the approval option, else <c>approved</c>.</summary>
public sealed record RequestCardCommand(string UserId, string CardType, string? Comment = null);

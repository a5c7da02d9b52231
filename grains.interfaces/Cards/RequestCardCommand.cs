namespace CardActors.Grains;

/// <summary><c>CardsProcRequest</c>: ends in <c>requested</c> with the approval option, else <c>approved</c>.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.RequestCardCommand")]
public sealed record RequestCardCommand([property: Id(0)] string UserId, [property: Id(1)] string CardType, [property: Id(2)] string? Comment = null);

namespace CardActors.Grains.Internal;

/// <summary>A card's state as it tells its user; <see cref="Version"/> orders reports that arrive out of order.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.UserCardReport")]
public sealed record UserCardReport([property: Id(0)] string CardId, [property: Id(1)] CardKind Kind, [property: Id(2)] CardState State, [property: Id(3)] long Version);

namespace CardActors.Grains.Internal;

/// <summary>A card's state as it tells its user; <see cref="Version"/> orders reports that arrive out of order.</summary>
public sealed record UserCardReport(string CardId, CardKind Kind, CardState State, long Version);

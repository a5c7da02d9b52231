namespace CardActors.Grains;

/// <summary>A card of the user, as last reported by the card (the card grain is the truth).</summary>
public sealed record UserCardLink(string CardId, CardKind Kind, CardState State);

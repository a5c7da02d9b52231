namespace CardActors.Grains;

/// <summary>A card of the user, as last reported by the card (the card grain is the truth).</summary>
[GenerateSerializer, Immutable, Alias("CardActors.UserCardLink")]
public sealed record UserCardLink([property: Id(0)] string CardId, [property: Id(1)] CardKind Kind, [property: Id(2)] CardState State);

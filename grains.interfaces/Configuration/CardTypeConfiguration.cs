namespace CardActors.Grains;

/// <summary>A card type and the settings of every use case of its kind (all present; disabled until enabled).</summary>
[GenerateSerializer, Immutable, Alias("CardActors.CardTypeConfiguration")]
public sealed record CardTypeConfiguration([property: Id(0)] string Name, [property: Id(1)] CardKind Kind, [property: Id(2)] CardProfile Profile, [property: Id(3)] IReadOnlyDictionary<string, UseCaseSetting> UseCases);

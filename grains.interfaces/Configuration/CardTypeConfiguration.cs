namespace CardActors.Grains;

/// <summary>A card type and the settings of every use case of its kind (all present; disabled until enabled).</summary>
public sealed record CardTypeConfiguration(string Name, CardKind Kind, CardProfile Profile, IReadOnlyDictionary<string, UseCaseSetting> UseCases);

namespace CardActors.Grains;

/// <summary>Whether a use case is enabled for a card type, and its options.</summary>
public sealed record UseCaseSetting(bool Enabled, UseCaseOptions Options);

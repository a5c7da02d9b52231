namespace CardActors.Grains;

/// <summary>Whether a use case is enabled for a card type, and its options.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.UseCaseSetting")]
public sealed record UseCaseSetting([property: Id(0)] bool Enabled, [property: Id(1)] UseCaseOptions Options);

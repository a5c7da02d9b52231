namespace CardActors.Grains;

/// <summary>One version of the whole configuration. Versions are kept: a card reads the values of the version it started under.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.ConfigurationSnapshot")]
public sealed record ConfigurationSnapshot([property: Id(0)] int Version, [property: Id(1)] DateTimeOffset ChangedAt, [property: Id(2)] string ChangedBy, [property: Id(3)] string Description, [property: Id(4)] IReadOnlyDictionary<string, CardTypeConfiguration> CardTypes);

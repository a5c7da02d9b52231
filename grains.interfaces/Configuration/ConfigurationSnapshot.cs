namespace CardActors.Grains;

/// <summary>One version of the whole configuration. Versions are kept: a card reads the values of the version it started under.</summary>
public sealed record ConfigurationSnapshot(int Version, DateTimeOffset ChangedAt, string ChangedBy, string Description, IReadOnlyDictionary<string, CardTypeConfiguration> CardTypes);

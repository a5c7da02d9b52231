namespace CardActors.Grains;

/// <summary>What <see cref="IDemoSeeder.SeedAsync"/> made or found.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.DemoSeedResult")]
public sealed record DemoSeedResult([property: Id(0)] IReadOnlyList<string> UserIds, [property: Id(1)] IReadOnlyList<string> CardTypes, [property: Id(2)] int ConfigVersion);

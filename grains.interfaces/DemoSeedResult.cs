namespace CardActors.Grains;

/// <summary>What <see cref="IDemoSeeder.SeedAsync"/> made or found.</summary>
public sealed record DemoSeedResult(IReadOnlyList<string> UserIds, IReadOnlyList<string> CardTypes, int ConfigVersion);

namespace CardActors.Grains;

/// <summary>
/// Demo data for <c>--seed-demo</c> (a service in the silo's container): ten active users
/// (demo-001 … demo-010) and the common use cases enabled for the built-in card types "employee"
/// and "temporary". Safe to run again: existing users and settings are kept.
/// </summary>
public interface IDemoSeeder
{
    Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default);
}

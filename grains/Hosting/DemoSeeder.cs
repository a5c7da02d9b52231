using System.Globalization;
using CardActors.Grains.Configuration;

namespace CardActors.Grains.Hosting;

internal sealed class DemoSeeder(IGrainFactory grains) : IDemoSeeder
{
    private const int UserCount = 10;

    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        DomainRequestContext.SetOperator("seed-demo");
        var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
        var snapshot = await config.GetAsync();
        foreach (var cardType in new[] { ConfigurationDefaults.EmployeeCardType, ConfigurationDefaults.TemporaryCardType })
        {
            // Only what is still disabled, so seeding again makes no new configuration version.
            var disabled = snapshot.CardTypes[cardType].UseCases.Where(u => !u.Value.Enabled).Select(u => u.Key).ToList();
            if (disabled.Count > 0)
            {
                snapshot = await config.EnableUseCasesAsync(cardType, disabled);
            }
        }

        var users = new List<string>();
        for (var i = 1; i <= UserCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = "demo-" + i.ToString("000", CultureInfo.InvariantCulture);
            try
            {
                await grains.GetGrain<IUserGrain>(id).CreateAsync(new CreateUserCommand($"Demo User {i}", $"{id}@example.com", i % 2 == 0 ? "Operations" : "Engineering"));
            }
            catch (DomainException exception) when (exception.Code == ErrorCodes.UserAlreadyExists)
            {
                // Seeded before.
            }

            users.Add(id);
        }

        return new DemoSeedResult(users, [ConfigurationDefaults.EmployeeCardType, ConfigurationDefaults.TemporaryCardType], snapshot.Version);
    }
}

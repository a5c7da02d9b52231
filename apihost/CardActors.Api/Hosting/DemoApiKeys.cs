using CardActors.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Hosting;

/// <summary>
/// <c>--seed-demo</c>: the domain's demo data (users, enabled use cases) and one API key per role,
/// named <c>demo-ROLE</c>. Keys are stored hashed by the key store grain (so in the silo's
/// database); the clear keys are returned once, for the console, and exist nowhere else. Safe to
/// run again: a key that exists is kept and not shown again.
/// </summary>
public sealed class DemoApiKeys(IServiceProvider services, IGrainFactory grains, TimeProvider time)
{
    public const string Operator = "seed-demo";

    public static IReadOnlyList<string> Roles { get; } = [ApiRoles.Admin, ApiRoles.Operator, ApiRoles.Approver, ApiRoles.Station, ApiRoles.Auditor, ApiRoles.Ops];

    public static string NameOf(string role) => $"demo-{role}";

    public async Task<DemoSeedReport> SeedAsync(CancellationToken cancellationToken = default)
    {
        DomainRequestContext.SetOperator(Operator);
        var domain = await services.GetRequiredService<IDemoSeeder>().SeedAsync(cancellationToken);
        var store = grains.GetGrain<IApiKeyStoreGrain>(IApiKeyStoreGrain.DefaultKey);
        var created = new List<DemoKeyCreated>();
        var existing = new List<string>();
        foreach (var role in Roles)
        {
            var key = ApiKeyHash.NewKey();
            var name = NameOf(role);
            if (await store.AddAsync(new StoredApiKey(name, ApiKeyHash.Compute(key), [role], time.GetUtcNow(), Operator)))
            {
                created.Add(new DemoKeyCreated(name, role, key));
            }
            else
            {
                existing.Add(name);
            }
        }

        return new DemoSeedReport(domain, created, existing);
    }
}

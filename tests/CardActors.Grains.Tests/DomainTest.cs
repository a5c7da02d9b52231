using CardActors.Grains.Hosting;

namespace CardActors.Grains.Tests;

/// <summary>
/// A test class whose every test gets a silo of its own (xUnit makes one instance per test) with
/// the test configuration of <see cref="Tests.Scenario.ConfigureAsync"/>: tests share no state, so
/// they can assume counts and searches see only what they made.
/// </summary>
public abstract class DomainTest : IAsyncLifetime
{
    private DomainSilo? _silo;
    private Scenario? _scenario;

    private protected DomainSilo Silo => _silo ?? throw new InvalidOperationException("The silo starts in InitializeAsync.");

    private protected Scenario Scenario => _scenario ?? throw new InvalidOperationException("The scenario is configured in InitializeAsync.");

    /// <summary>A PostgreSQL connection string to run on instead of a SQLite file of the test's own.</summary>
    protected virtual string? PostgresConnectionString => null;

    public async Task InitializeAsync()
    {
        _silo = await DomainSilo.StartAsync(ConfigureDomain, PostgresConnectionString);
        _scenario = await new Scenario(_silo).ConfigureAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>Changes the domain's options of the test silo (its defaults: see <see cref="DomainSilo"/>).</summary>
    protected virtual void ConfigureDomain(CardActorsDomainOptions options)
    {
    }
}

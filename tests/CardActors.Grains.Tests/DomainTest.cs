using CardActors.Grains.Hosting;
using CardActors.Tests.Support;

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

    /// <summary>
    /// Runs on a new PostgreSQL database of the test's own instead of a SQLite file. Of its own,
    /// because every silo's outbox sweeper drains the pending rows of its whole database: a test silo
    /// of another cluster on a shared database could take a crashed card's row before this test's
    /// restart does.
    /// </summary>
    protected virtual bool OnPostgres => false;

    /// <summary>The test's PostgreSQL database, when <see cref="OnPostgres"/>.</summary>
    protected string? PostgresConnectionString { get; private set; }

    public async Task InitializeAsync()
    {
        if (OnPostgres && TestDatabases.PostgresConnectionString is not null)
        {
            PostgresConnectionString = await TestDatabases.NewPostgresDatabaseAsync();
        }

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

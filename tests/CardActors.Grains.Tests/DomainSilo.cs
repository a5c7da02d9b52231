using System.Security.Cryptography;
using CardActors.Grains.Hosting;
using CardActors.Grains.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace CardActors.Grains.Tests;

/// <summary>
/// A one-silo TestingHost cluster hosting the domain on a SQLite file of its own (or PostgreSQL),
/// with a test secret key, an injectable crash, slow simulated production unless asked otherwise,
/// and the dispatcher left to the test (<c>DispatchNowAsync</c>). Grains are called through the
/// cluster's client, as the API and stations call them.
/// </summary>
public sealed class DomainSilo : IAsyncDisposable
{
    private readonly string _directory;

    private DomainSilo(InProcessTestCluster cluster, string directory, string connectionString, InjectableFaults faults)
    {
        Cluster = cluster;
        _directory = directory;
        ConnectionString = connectionString;
        Faults = faults;
    }

    public InProcessTestCluster Cluster { get; }

    public string ConnectionString { get; }

    public InjectableFaults Faults { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The services of the (first) silo.</summary>
    public IServiceProvider Services => Cluster.Silos[0].ServiceProvider;

    public IAuditTrail Audit => Services.GetRequiredService<IAuditTrail>();

    public ICardSearch Search => Services.GetRequiredService<ICardSearch>();

    public static async Task<DomainSilo> StartAsync(Action<CardActorsDomainOptions>? configure = null, string? postgres = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cardactors-grains-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = postgres ?? $"Data Source={Path.Combine(directory, "cardactors.db")}";
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var faults = new InjectableFaults();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            TestStorage.Use(silo, connectionString, postgres is not null);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
            silo.AddCardActorsDomain(o =>
            {
                o.DatabaseProvider = postgres is not null ? DomainDatabaseProvider.PostgreSql : DomainDatabaseProvider.Sqlite;
                o.ConnectionString = connectionString;
                o.SecretKey = key;
                o.OutboxSweepInterval = TimeSpan.FromSeconds(1);
                o.ExternalProduction.DispatchInterval = TimeSpan.FromHours(1);
                o.ExternalProduction.SimulatedInProductionDelay = TimeSpan.FromHours(1);
                o.ExternalProduction.SimulatedProducedDelay = TimeSpan.FromHours(1);
                configure?.Invoke(o);
            });
            silo.Services.AddSingleton<IDomainFaultInjector>(faults);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new DomainSilo(cluster, directory, connectionString, faults);
    }

    /// <summary>Stops the silo and starts it again on the same database: what survives is what was stored.</summary>
    public async Task RestartAsync()
    {
        await Cluster.RestartSiloAsync(Cluster.Silos[0]);
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>Opens the test's SQLite database directly, as someone with access to the file would.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned up by the OS.
        }
    }
}

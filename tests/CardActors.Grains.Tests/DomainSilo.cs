using System.Security.Cryptography;
using CardActors.Grains.Hosting;
using CardActors.Grains.Outbox;
using CardActors.Runtime;
using CardActors.Runtime.Hosting;
using CardActors.Runtime.PostgreSql;
using CardActors.Runtime.Sqlite;
using CardActors.Runtime.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Grains.Tests;

/// <summary>
/// A test silo hosting the domain on a SQLite file of its own (or PostgreSQL), with a test secret
/// key, an injectable crash, slow simulated production unless asked otherwise, and the dispatcher
/// left to the test (<c>DispatchNowAsync</c>).
/// </summary>
public sealed class DomainSilo : IAsyncDisposable
{
    private readonly string _directory;

    private DomainSilo(TestSilo silo, string directory, string connectionString, InjectableFaults faults)
    {
        Silo = silo;
        _directory = directory;
        ConnectionString = connectionString;
        Faults = faults;
    }

    public TestSilo Silo { get; }

    public string ConnectionString { get; }

    public InjectableFaults Faults { get; }

    public IGrainFactory Grains => Silo.GrainFactory;

    public IAuditTrail Audit => Silo.Services.GetRequiredService<IAuditTrail>();

    public ICardSearch Search => Silo.Services.GetRequiredService<ICardSearch>();

    public static Task<DomainSilo> StartAsync(Action<CardActorsDomainOptions>? configure = null, string? postgres = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cardactors-grains-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = postgres ?? $"Data Source={Path.Combine(directory, "cardactors.db")}";
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var faults = new InjectableFaults();
        return StartAsync(directory, connectionString, postgres is not null, key, faults, configure);
    }

    private static async Task<DomainSilo> StartAsync(string directory, string connectionString, bool postgres, string key, InjectableFaults faults, Action<CardActorsDomainOptions>? configure)
    {
        var silo = await TestSilo.StartAsync(
            builder =>
            {
                if (postgres)
                {
                    builder.UsePostgreSqlStorage(connectionString);
                }
                else
                {
                    builder.UseSqliteStorage(connectionString);
                }

                builder.Configure(o => o.ReminderRetryDelay = TimeSpan.FromMilliseconds(200));
                builder.AddCardActorsDomain(o =>
                {
                    o.DatabaseProvider = postgres ? DomainDatabaseProvider.PostgreSql : DomainDatabaseProvider.Sqlite;
                    o.ConnectionString = connectionString;
                    o.SecretKey = key;
                    o.OutboxSweepInterval = TimeSpan.FromSeconds(1);
                    o.ExternalProduction.DispatchInterval = TimeSpan.FromHours(1);
                    o.ExternalProduction.SimulatedInProductionDelay = TimeSpan.FromHours(1);
                    o.ExternalProduction.SimulatedProducedDelay = TimeSpan.FromHours(1);
                    configure?.Invoke(o);
                });
            },
            services => services.AddSingleton<IDomainFaultInjector>(faults));
        return new DomainSilo(silo, directory, connectionString, faults);
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
        await Silo.DisposeAsync();
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

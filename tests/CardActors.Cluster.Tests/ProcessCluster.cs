using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CardActors.Api.Security;
using CardActors.Storage.PostgreSql;
using CardActors.Tests.Support;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace CardActors.Cluster.Tests;

/// <summary>
/// Silo processes and one API host process on one fresh PostgreSQL database: PostgreSQL clustering,
/// a fresh cluster and service id, one secret key for every silo, API keys from settings.
/// </summary>
public sealed class ProcessCluster : IDisposable
{
    public const string AdminKey = "cluster-admin-0123456789";
    public const string OperatorKey = "cluster-operator-0123456789";

    /// <summary>Start-up on a busy 2-core machine: generous, it only stops a hang.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<NodeProcess, int> _siloPorts = [];

    private ProcessCluster(string database, ITestOutputHelper output)
    {
        Database = database;
        _output = output;
        var id = "cluster-" + Guid.NewGuid().ToString("N")[..12];
        _settings = new Dictionary<string, string>
        {
            ["CardActors__Storage__Provider"] = "PostgreSql",
            ["CardActors__Storage__ConnectionString"] = database,
            ["CardActors__Cluster__Provider"] = "PostgreSql",
            ["CardActors__Cluster__ClusterId"] = id,
            ["CardActors__Cluster__ServiceId"] = id,
            ["CardActors__Domain__SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CardActors__Domain__ExternalProduction__DispatchInterval"] = "01:00:00",
            ["CardActors__Domain__ExternalProduction__SimulatedInProductionDelay"] = "01:00:00",
            ["CardActors__Domain__ExternalProduction__SimulatedProducedDelay"] = "01:00:00",
            ["CardActors__Logging__Json"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["CardActors__Api__Keys__0__Name"] = "cluster-admin",
            ["CardActors__Api__Keys__0__Sha256"] = ApiKeyHash.Compute(AdminKey),
            ["CardActors__Api__Keys__0__Roles__0"] = ApiRoles.Admin,
            ["CardActors__Api__Keys__1__Name"] = "cluster-operator",
            ["CardActors__Api__Keys__1__Sha256"] = ApiKeyHash.Compute(OperatorKey),
            ["CardActors__Api__Keys__1__Roles__0"] = ApiRoles.Operator,
        };
    }

    public string Database { get; }

    public List<NodeProcess> Silos { get; } = [];

    public NodeProcess? ApiHost { get; private set; }

    /// <summary>Starts <paramref name="silos"/> silo processes and the API host at once, and waits until all are healthy.</summary>
    /// <param name="siloSettings">Settings of every silo beyond the cluster's own (environment variable names).</param>
    /// <param name="apiHost">Whether to start the API host (tests that are cluster clients themselves need none).</param>
    public static async Task<ProcessCluster> StartAsync(int silos, ITestOutputHelper output, IReadOnlyDictionary<string, string>? apiHostSettings = null,
        IReadOnlyDictionary<string, string>? siloSettings = null, bool apiHost = true)
    {
        var started = Stopwatch.StartNew();
        var cluster = new ProcessCluster(await TestDatabases.NewPostgresDatabaseAsync(), output);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo(siloSettings);
            }

            if (apiHost)
            {
                cluster.ApiHost = NodeProcess.Start("apihost", NodeProcess.ApiHostDll, FreePorts.Next(), With(cluster._settings, apiHostSettings));
            }

            await Task.WhenAll(cluster.Silos.Select(s => s.WaitHealthyAsync(StartTimeout)));
            output.WriteLine($"{silos} silo processes healthy after {started.Elapsed.TotalSeconds:F1} s");
            if (cluster.ApiHost is { } host)
            {
                await host.WaitHealthyAsync(StartTimeout);
                output.WriteLine($"API host healthy after {started.Elapsed.TotalSeconds:F1} s");
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Starts one more silo process on this cluster's database (not waiting for it), with <paramref name="settings"/> over the cluster's own.</summary>
    public NodeProcess StartSilo(IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePorts.Next();
        var all = With(_settings, settings);
        all["CardActors__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        all["CardActors__Cluster__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        var silo = NodeProcess.Start($"silo{Silos.Count}", NodeProcess.SiloDll, FreePorts.Next(), all);
        Silos.Add(silo);
        _siloPorts[silo] = siloPort;
        return silo;
    }

    /// <summary>
    /// The preamble of the tests that request cards through the API host: the cluster started, a card
    /// type <paramref name="cardType"/> with Request card enabled, and <paramref name="users"/> active users.
    /// </summary>
    public static async Task<(ProcessCluster Cluster, string[] Users)> StartWithUsersAsync(int silos, string cardType, int users, ITestOutputHelper output)
    {
        var clock = Stopwatch.StartNew();
        var cluster = await StartAsync(silos, output);
        try
        {
            await cluster.ConfigureCardTypeAsync(cardType);
            var ids = await cluster.CreateUsersAsync(users);
            output.WriteLine($"card type {cardType}, {users} users after {clock.Elapsed.TotalSeconds:F1} s");
            return (cluster, ids);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The silo process that listens on <paramref name="silo"/>'s port (a grain's host, as the management grain names it).</summary>
    public NodeProcess SiloAt(SiloAddress silo) => _siloPorts.Single(s => s.Value == silo.Endpoint.Port).Key;

    /// <summary>
    /// A cluster client in this process (as stations are): the gateways from the membership table,
    /// as an API host or a station finds them. Calls it makes wait up to <paramref name="responseTimeout"/>.
    /// </summary>
    public async Task<IHost> StartClientAsync(TimeSpan responseTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _settings["CardActors__Cluster__ClusterId"];
                o.ServiceId = _settings["CardActors__Cluster__ServiceId"];
            });
            client.UseCardActorsPostgreSqlClustering(Database);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>An HTTP client with an API key, to the API host, or to <paramref name="node"/> (a silo serves the API too).</summary>
    public HttpClient Client(string key, TimeSpan? timeout = null, NodeProcess? node = null)
    {
        var client = new HttpClient { BaseAddress = (node ?? ApiHost!).BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    /// <summary>Defines a permanent card type with Request card enabled (no approval step), through the API host.</summary>
    public async Task ConfigureCardTypeAsync(string cardType)
    {
        using var admin = Client(AdminKey);
        await Ok(admin.PutAsJsonAsync($"/configuration/card-types/{cardType}", new { kind = "permanent" }));
        await Ok(admin.PostAsJsonAsync($"/configuration/card-types/{cardType}/enabled-use-cases", new { useCases = new[] { "CardsProcRequest" } }));
    }

    /// <summary>Active users, made through the API host a few at a time.</summary>
    public async Task<string[]> CreateUsersAsync(int count)
    {
        using var client = Client(OperatorKey);
        var prefix = "u-" + Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:000}").ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, cancel) =>
            await Ok(client.PostAsJsonAsync("/users", new { id, displayName = $"User {id}", email = $"{id}@example.test", department = "QA", state = "active" }, cancel)));
        return users;
    }

    /// <summary>The ids of every stored card (grain state rows of grain type "card" with a payload).</summary>
    public async Task<HashSet<string>> StoredCardIdsAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_id_extension FROM orleans_grain_state WHERE grain_type = 'card/card' AND payload IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            Assert.True(ids.Add(reader.GetString(0)), $"card {reader.GetString(0)} is stored twice");
        }

        return ids;
    }

    public void Dispose()
    {
        foreach (var node in Silos.Append(ApiHost).OfType<NodeProcess>())
        {
            try
            {
                _output.WriteLine($"---- {node.Name}: exceptions logged ----\n{node.ExceptionSummary(8)}\n---- last lines of {node.Name} ----\n{node.Tail(6)}");
            }
            catch (InvalidOperationException)
            {
                // The test's output is closed already.
            }

            node.Dispose();
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? more)
    {
        var all = new Dictionary<string, string>(settings);
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return all;
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

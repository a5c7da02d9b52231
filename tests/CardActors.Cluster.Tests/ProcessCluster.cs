using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CardActors.Api.Security;
using CardActors.Tests.Support;
using Npgsql;
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
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _settings;

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
    public static async Task<ProcessCluster> StartAsync(int silos, ITestOutputHelper output, IReadOnlyDictionary<string, string>? apiHostSettings = null)
    {
        var started = Stopwatch.StartNew();
        var cluster = new ProcessCluster(await TestDatabases.NewPostgresDatabaseAsync(), output);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.Silos.Add(NodeProcess.Start($"silo{i}", NodeProcess.SiloDll, FreePorts.Next(), new Dictionary<string, string>(cluster._settings)
                {
                    ["CardActors__Cluster__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                    ["CardActors__Cluster__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                }));
            }

            var api = new Dictionary<string, string>(cluster._settings);
            foreach (var (key, value) in apiHostSettings ?? new Dictionary<string, string>())
            {
                api[key] = value;
            }

            cluster.ApiHost = NodeProcess.Start("apihost", NodeProcess.ApiHostDll, FreePorts.Next(), api);
            await Task.WhenAll(cluster.Silos.Select(s => s.WaitHealthyAsync(StartTimeout)));
            output.WriteLine($"{silos} silo processes healthy after {started.Elapsed.TotalSeconds:F1} s");
            await cluster.ApiHost.WaitHealthyAsync(StartTimeout);
            output.WriteLine($"API host healthy after {started.Elapsed.TotalSeconds:F1} s");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public HttpClient Client(string key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = ApiHost!.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
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

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

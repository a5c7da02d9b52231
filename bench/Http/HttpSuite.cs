using System.Globalization;
using System.Net;
using System.Text;
using CardActors.Api.Security;
using CardActors.ApiHost;
using CardActors.Bench.Harness;
using CardActors.Bench.Storage;
using CardActors.Grains;
using CardActors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace CardActors.Bench.Http;

/// <summary>
/// "Request card" (approval option off) end to end over HTTP: <c>POST /cards</c> with an API key,
/// against <c>GET /health</c> on the same host in the same run (routing, Kestrel, HttpClient and the
/// health check's one storage read, with no domain work). First on the embedded default built by
/// the silo's own <see cref="SiloHost.AddCardActorsNode"/>; then on the API host
/// (<see cref="ApiHostBuilder.AddCardActorsApiHost"/>, an Orleans cluster client) in front of that
/// node's gateway on loopback; then, when <c>CARDACTORS_TEST_POSTGRES</c> names a database, through
/// the API host of a one-silo cluster on PostgreSQL. Real Kestrel on 127.0.0.1, closed-loop
/// HttpClient callers (one keep-alive connection each).
/// </summary>
internal sealed class HttpSuite : ISuite
{
    private const string CardType = "bench";
    private const string ApiKey = "bench-operator-key-0123456789";
    private const int UsersPerCaller = 4;

    public string Name => "http";

    public string Description => "HTTP POST /cards vs. GET /health on the embedded node, through the API host, and through an API host on a one-silo PostgreSQL cluster (1, 8, 64 callers)";

    public Task RunAsync(BenchSettings settings, Report report)
        => EmbeddedNode.InTemporaryDirectoryAsync("cardactors-bench-http-", async data =>
        {
            await MeasureEmbeddedAsync(data, settings, report);
            var postgres = Environment.GetEnvironmentVariable(PostgresTarget.ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(postgres))
            {
                report.Section("HTTP API: request card through the API host of a one-silo PostgreSQL cluster");
                report.Note($"Not measured: {PostgresTarget.ConnectionStringVariable} is not set (run the bench under scripts/with-postgres.sh).");
                report.Skipped("http: API host on PostgreSQL", $"{PostgresTarget.ConnectionStringVariable} not set");
            }
            else
            {
                await MeasurePostgresClusterAsync(data, postgres, settings, report);
            }
        });

    private static async Task<WebApplication> StartNodeAsync(string dataDirectory, Dictionary<string, string?> settings)
    {
        var node = await EmbeddedNode.StartAsync(dataDirectory, settings, services => services.AddSingleton<IIncomingGrainCallFilter, GrainCallCounter>());
        var grains = node.Services.GetRequiredService<IGrainFactory>();
        DomainRequestContext.SetOperator("bench-operator");
        var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
        await config.DefineCardTypeAsync(new DefineCardTypeCommand(CardType, CardKind.Permanent));
        await config.EnableUseCasesAsync(CardType, [UseCases.CardsProcRequest]);
        return node;
    }

    private static async Task<WebApplication> StartApiHostAsync(string dataDirectory, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, Args = [SiloHost.NoConfigWatchArgument] });
        builder.Configuration.AddInMemoryCollection(settings);
        LocalCluster.QuietLogging(builder.Logging);
        builder.AddCardActorsApiHost();
        LocalCluster.QuietLogging(builder.Logging);
        var apiHost = builder.Build();
        apiHost.MapCardActorsApiHost();
        await apiHost.StartAsync();
        return apiHost;
    }

    private static async Task MeasureEmbeddedAsync(string dataDirectory, BenchSettings settings, Report report)
    {
        var ports = LocalCluster.FreePorts(2);
        var common = EmbeddedNode.Settings(dataDirectory, "bench-http", ports[0], ports[1], ApiKey);
        await using var node = await StartNodeAsync(dataDirectory, common);
        try
        {
            var storage = node.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).GetType().Name;
            var users = new Users(node.Services.GetRequiredService<IGrainFactory>());
            var nodeResults = await MeasureHostAsync(Address(node), users, settings);
            Print(report, "HTTP API: request card on the embedded node", nodeResults,
                $"One process: silo, domain and HTTP API (SiloHost.AddCardActorsNode), grain storage {storage} as the silo wires it (synchronous=FULL), "
                + $"localhost clustering on 127.0.0.1. {Notes(settings)}");
            var (_, post, health) = nodeResults[^1];
            var callers = settings.CallerCounts[^1];
            report.Target($"http: node POST /cards at {callers} callers >= 5,000 req/s", $"{Format.Rate(post.CallsPerSecond)} req/s", post.CallsPerSecond >= 5_000);
            report.Target($"http: node POST /cards at {callers} callers p99 < 50 ms", $"{Format.Microseconds(post.P99Microseconds / 1000)} ms", post.P99Microseconds < 50_000);
            report.Target($"http: node POST /cards >= 10 % of GET /health at {callers} callers", Format.Ratio(post.CallsPerSecond / health.CallsPerSecond), post.CallsPerSecond >= 0.1 * health.CallsPerSecond);

            try
            {
                await using var apiHost = await StartApiHostAsync(dataDirectory, common);
                try
                {
                    Print(report, "HTTP API: request card through the API host", await MeasureHostAsync(Address(apiHost), users, settings),
                        "The API host (ApiHostBuilder.AddCardActorsApiHost: an Orleans cluster client) in this process, connected to the node's gateway "
                        + $"on 127.0.0.1 over TCP; the node above serves the grains. GET /health on the API host calls a grain through the gateway. {Notes(settings)}");
                }
                finally
                {
                    await apiHost.StopAsync();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                report.Note($"API host not measured: it failed with {exception.GetType().Name}: {exception.Message}");
            }
        }
        finally
        {
            await node.StopAsync();
        }
    }

    private static async Task MeasurePostgresClusterAsync(string dataDirectory, string connectionString, BenchSettings settings, Report report)
    {
        var ports = LocalCluster.FreePorts(2);
        var pg = EmbeddedNode.PostgresSettings(dataDirectory, connectionString, "bench-http-" + Guid.NewGuid().ToString("N")[..12], ports[0], ports[1], ApiKey);
        await using var silo = await StartNodeAsync(dataDirectory, pg);
        try
        {
            await using var apiHost = await StartApiHostAsync(dataDirectory, pg);
            try
            {
                var users = new Users(silo.Services.GetRequiredService<IGrainFactory>());
                Print(report, "HTTP API: request card through the API host of a one-silo PostgreSQL cluster", await MeasureHostAsync(Address(apiHost), users, settings),
                    "One silo (SiloHost.AddCardActorsNode) with clustering, grain state, reminders and the domain's tables on PostgreSQL "
                    + $"({PostgresTarget.ConnectionStringVariable}; scripts/with-postgres.sh runs its server with fsync off), and the API host (a cluster client that finds "
                    + $"the gateway in the membership table) in this process. GET /health on the API host calls a grain through the gateway. {Notes(settings)}");
            }
            finally
            {
                await apiHost.StopAsync();
            }
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    /// <summary>Two tables: rate and latency with the baseline, then what one request cost the process.</summary>
    private static void Print(Report report, string title, List<(int Callers, LoadResult Post, LoadResult Health)> results, string note)
    {
        var rates = new MarkdownTable(
            "callers", "POST /cards req/s", "p50 µs", "p99 µs", "p99.9 µs", "errors", "GET /health req/s", "p50 µs", "p99 µs", "POST / health");
        var costs = new MarkdownTable(
            "callers", "request", "CPU µs", "grain calls", "SQLite writes", "SQLite commits", "disk B", "allocated B");
        foreach (var (callers, post, health) in results)
        {
            rates.AddRow(
                callers.ToString(CultureInfo.InvariantCulture),
                Format.Rate(post.CallsPerSecond),
                Format.Microseconds(post.P50Microseconds),
                Format.Microseconds(post.P99Microseconds),
                Format.Microseconds(post.Latency.PercentileMicroseconds(99.9)),
                post.Errors.ToString(CultureInfo.InvariantCulture) + " / " + health.Errors.ToString(CultureInfo.InvariantCulture),
                Format.Rate(health.CallsPerSecond),
                Format.Microseconds(health.P50Microseconds),
                Format.Microseconds(health.P99Microseconds),
                Format.Ratio(post.CallsPerSecond / health.CallsPerSecond));
            foreach (var (name, result) in new[] { ("POST /cards", post), ("GET /health", health) })
            {
                costs.AddRow(
                    callers.ToString(CultureInfo.InvariantCulture),
                    name,
                    Format.Microseconds(result.CpuMicrosecondsPerCall),
                    Format.Microseconds(result.PerCall(result.Usage.GrainCalls)),
                    Format.Microseconds(result.PerCall(result.Usage.SqliteWrites)),
                    Format.Microseconds(result.PerCall(result.Usage.SqliteCommits)),
                    Format.Bytes(result.PerCall(result.Usage.DiskBytes)),
                    Format.Bytes(result.AllocatedBytesPerCall));
            }
        }

        report.Section(title);
        report.Table(rates);
        report.Output.WriteLine();
        report.Table(costs);
        report.Note(note + " Per request: the whole bench process (load generator included) over the measured rounds: CPU time, "
            + "grain calls received by the silo, SQLite writer writes and commits (each commit one fsync), bytes written to disk (/proc/self/io), bytes allocated.");
    }

    private static string Notes(BenchSettings settings) =>
        $"Each caller awaits its request before the next (HTTP/1.1 keep-alive) and cycles over {UsersPerCaller} users of its own; every POST /cards makes a new card "
        + "of a card type whose Request card has no approval step (API key check, JSON, the card's activation, state write, audit and search rows), answer 201. "
        + "Baseline: GET /health on the same host, same callers. "
        + $"{Format.Seconds(settings.Warmup)} warm-up each, then {settings.Rounds} alternating rounds of {Format.Seconds(settings.Duration)}; "
        + $"callers yield after every {settings.YieldEvery} requests. errors: answers other than 201 / 200 (they count as calls).";

    private static Uri Address(WebApplication app)
        => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<List<(int Callers, LoadResult Post, LoadResult Health)>> MeasureHostAsync(Uri address, Users users, BenchSettings settings)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version11,
        };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ApiKey);

        var results = new List<(int, LoadResult, LoadResult)>();
        foreach (var callers in settings.CallerCounts)
        {
            var posts = new Func<Task>[callers];
            var healths = new Func<Task>[callers];
            var postErrors = new int[1];
            var healthErrors = new int[1];
            for (var i = 0; i < callers; i++)
            {
                posts[i] = PostCard(http, await users.NextAsync(UsersPerCaller), postErrors);
                healths[i] = Health(http, healthErrors);
            }

            var (health, post) = await LoadRunner.CompareAsync(healths, posts, settings);
            results.Add((callers, post with { Errors = postErrors[0] }, health with { Errors = healthErrors[0] }));
        }

        return results;
    }

    private static Func<Task> PostCard(HttpClient http, string[] users, int[] errors)
    {
        var bodies = users.Select(u => $"{{\"userId\":\"{u}\",\"cardType\":\"{CardType}\"}}").ToArray();
        var next = 0;
        return async () =>
        {
            using var content = new StringContent(bodies[next++ % bodies.Length], Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/cards", UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Interlocked.Increment(ref errors[0]);
            }
        };
    }

    private static Func<Task> Health(HttpClient http, int[] errors) => async () =>
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref errors[0]);
        }
    };

    /// <summary>Active users for the callers, made through grain calls on the node.</summary>
    private sealed class Users(IGrainFactory grains)
    {
        private int _next;

        public async Task<string[]> NextAsync(int count)
        {
            var users = new string[count];
            for (var u = 0; u < count; u++)
            {
                users[u] = "bench-" + (_next++).ToString("00000", CultureInfo.InvariantCulture);
                await grains.GetGrain<IUserGrain>(users[u]).CreateAsync(new CreateUserCommand($"Bench {users[u]}"));
            }

            return users;
        }
    }
}

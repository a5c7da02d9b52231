using System.Globalization;
using System.Net;
using System.Text;
using CardActors.Api.Security;
using CardActors.ApiHost;
using CardActors.Bench.Harness;
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
/// node's gateway on loopback. Real Kestrel on 127.0.0.1, closed-loop HttpClient callers.
/// </summary>
internal sealed class HttpSuite : ISuite
{
    private const string CardType = "bench";
    private const string ApiKey = "bench-operator-key-0123456789";
    private const int UsersPerCaller = 4;

    public string Name => "http";

    public string Description => "HTTP POST /cards vs. GET /health on the embedded node, and through the API host (1, 8, 64 callers)";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var data = Directory.CreateTempSubdirectory("cardactors-bench-http-");
        try
        {
            await MeasureAsync(data.FullName, settings, report);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string?> CommonSettings(string dataDirectory, int siloPort, int gatewayPort) => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["CardActors:Storage:Provider"] = "Sqlite",
        ["CardActors:Storage:DataDirectory"] = dataDirectory,
        ["CardActors:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["CardActors:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["CardActors:Cluster:ClusterId"] = "bench-http",
        ["CardActors:Logging:Json"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["CardActors:Api:Keys:0:Name"] = "bench-operator",
        ["CardActors:Api:Keys:0:Role"] = ApiRoles.Operator,
        ["CardActors:Api:Keys:0:Sha256"] = ApiKeyHash.Compute(ApiKey),
    };

    private static async Task MeasureAsync(string dataDirectory, BenchSettings settings, Report report)
    {
        var ports = LocalCluster.FreePorts(2);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory });
        builder.Configuration.AddInMemoryCollection(CommonSettings(dataDirectory, ports[0], ports[1]));
        LocalCluster.QuietLogging(builder.Logging);
        builder.AddCardActorsNode();
        LocalCluster.QuietLogging(builder.Logging);
        await using var node = builder.Build();
        node.MapCardActorsNode();
        await node.StartAsync();
        try
        {
            var grains = node.Services.GetRequiredService<IGrainFactory>();
            DomainRequestContext.SetOperator("bench-operator");
            var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
            await config.DefineCardTypeAsync(new DefineCardTypeCommand(CardType, CardKind.Permanent));
            await config.EnableUseCasesAsync(CardType, [UseCases.CardsProcRequest]);
            var storage = node.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).GetType().Name;

            var users = new Users(grains);
            var nodeTable = await MeasureHostAsync(Address(node), users, settings);
            report.Section("HTTP API: request card on the embedded node");
            report.Table(nodeTable);
            report.Note(
                $"One process: silo, domain and HTTP API (SiloHost.AddCardActorsNode), grain storage {storage} as the silo wires it today, "
                + $"localhost clustering on 127.0.0.1. {Notes(settings)}");

            string apiHostNote;
            try
            {
                var apiBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory });
                apiBuilder.Configuration.AddInMemoryCollection(CommonSettings(dataDirectory, ports[0], ports[1]));
                LocalCluster.QuietLogging(apiBuilder.Logging);
                apiBuilder.AddCardActorsApiHost();
                LocalCluster.QuietLogging(apiBuilder.Logging);
                await using var apiHost = apiBuilder.Build();
                apiHost.MapCardActorsApiHost();
                await apiHost.StartAsync();
                try
                {
                    var apiTable = await MeasureHostAsync(Address(apiHost), users, settings);
                    report.Section("HTTP API: request card through the API host");
                    report.Table(apiTable);
                    apiHostNote = "The API host (ApiHostBuilder.AddCardActorsApiHost: an Orleans cluster client) in this process, connected to the node's gateway "
                        + $"on 127.0.0.1 over TCP; the node above serves the grains. GET /health on the API host calls a grain through the gateway. {Notes(settings)}";
                }
                finally
                {
                    await apiHost.StopAsync();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                apiHostNote = $"API host not measured: it failed with {exception.GetType().Name}: {exception.Message}";
            }

            report.Note(apiHostNote);
        }
        finally
        {
            await node.StopAsync();
        }
    }

    private static string Notes(BenchSettings settings) =>
        $"Each caller awaits its request before the next (HTTP/1.1 keep-alive) and cycles over {UsersPerCaller} users of its own; every POST /cards makes a new card "
        + "of a card type whose Request card has no approval step (API key check, JSON, the card's activation, state write, audit and search rows), answer 201. "
        + "Baseline: GET /health on the same host, same callers. "
        + $"{Format.Seconds(settings.Warmup)} warm-up each, then {settings.Rounds} alternating rounds of {Format.Seconds(settings.Duration)}; "
        + $"callers yield after every {settings.YieldEvery} requests. errors: answers other than 201 / 200 (they count as calls).";

    private static Uri Address(WebApplication app)
        => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<MarkdownTable> MeasureHostAsync(Uri address, Users users, BenchSettings settings)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version11,
        };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ApiKey);

        var table = new MarkdownTable(
            "callers", "POST /cards req/s", "p50 µs", "p99 µs", "p99.9 µs", "errors", "GET /health req/s", "p50 µs", "p99 µs", "errors", "POST / health");
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
            table.AddRow(
                callers.ToString(CultureInfo.InvariantCulture),
                Format.Rate(post.CallsPerSecond),
                Format.Microseconds(post.P50Microseconds),
                Format.Microseconds(post.P99Microseconds),
                Format.Microseconds(post.Latency.PercentileMicroseconds(99.9)),
                postErrors[0].ToString(CultureInfo.InvariantCulture),
                Format.Rate(health.CallsPerSecond),
                Format.Microseconds(health.P50Microseconds),
                Format.Microseconds(health.P99Microseconds),
                healthErrors[0].ToString(CultureInfo.InvariantCulture),
                Format.Ratio(post.CallsPerSecond / health.CallsPerSecond));
        }

        return table;
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

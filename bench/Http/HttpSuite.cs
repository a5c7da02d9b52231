using System.Globalization;
using System.Net;
using System.Text;
using CardActors.Api.Security;
using CardActors.Bench.Harness;
using CardActors.Grains;
using CardActors.Runtime;
using CardActors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Bench.Http;

/// <summary>
/// "Request card" (approval option off) end to end over HTTP on the embedded default, built by the
/// silo's own <see cref="SiloHost.AddCardActorsNode"/>: real Kestrel on 127.0.0.1, a temp SQLite
/// file, closed-loop HttpClient callers sending <c>POST /cards</c> with an API key; against the raw
/// grain call (<c>ICardGrain.RequestAsync</c>) on the same node, in the same run. Every call makes a
/// new card, so both sides pay the card's activation, its state write and its audit and search rows.
/// </summary>
internal sealed class HttpSuite : ISuite
{
    private const string CardType = "bench";
    private const string ApiKey = "bench-operator-key-0123456789";
    private const int UsersPerCaller = 4;

    public string Name => "http";

    public string Description => "HTTP POST /cards (request card) on the embedded default vs. the raw grain call (1, 8, 64 callers)";

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

    private static async Task MeasureAsync(string dataDirectory, BenchSettings settings, Report report)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["CardActors:Storage:Provider"] = "Sqlite",
            ["CardActors:Storage:DataDirectory"] = dataDirectory,
            ["CardActors:Logging:Json"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["CardActors:Api:Keys:0:Name"] = "bench-operator",
            ["CardActors:Api:Keys:0:Role"] = ApiRoles.Operator,
            ["CardActors:Api:Keys:0:Sha256"] = ApiKeyHash.Compute(ApiKey),
        });
        builder.AddCardActorsNode();
        await using var app = builder.Build();
        app.MapCardActorsNode();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            DomainRequestContext.SetOperator("bench-operator");
            var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
            await config.DefineCardTypeAsync(new DefineCardTypeCommand(CardType, CardKind.Permanent));
            await config.EnableUseCasesAsync(CardType, [UseCases.CardsProcRequest]);

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
            {
                BaseAddress = new Uri(address),
                DefaultRequestVersion = HttpVersion.Version11,
            };
            http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ApiKey);

            var table = new MarkdownTable(
                "callers", "HTTP requests/s", "p50 µs", "p99 µs", "grain calls/s", "p50 µs", "p99 µs", "HTTP / grain", "errors");
            var nextUser = 0;
            foreach (var callers in settings.CallerCounts)
            {
                var grainCalls = new Func<Task>[callers];
                var httpCalls = new Func<Task>[callers];
                var errors = new int[1];
                for (var i = 0; i < callers; i++)
                {
                    var users = new string[UsersPerCaller];
                    for (var u = 0; u < users.Length; u++)
                    {
                        users[u] = "bench-" + (nextUser++).ToString("00000", CultureInfo.InvariantCulture);
                        await grains.GetGrain<IUserGrain>(users[u]).CreateAsync(new CreateUserCommand($"Bench {users[u]}"));
                    }

                    grainCalls[i] = GrainCaller(grains, users);
                    httpCalls[i] = HttpCaller(http, users, errors);
                }

                var (grain, overHttp) = await LoadRunner.CompareAsync(grainCalls, httpCalls, settings);
                table.AddRow(
                    callers.ToString(CultureInfo.InvariantCulture),
                    Format.Rate(overHttp.CallsPerSecond),
                    Format.Microseconds(overHttp.P50Microseconds),
                    Format.Microseconds(overHttp.P99Microseconds),
                    Format.Rate(grain.CallsPerSecond),
                    Format.Microseconds(grain.P50Microseconds),
                    Format.Microseconds(grain.P99Microseconds),
                    Format.Ratio(overHttp.CallsPerSecond / grain.CallsPerSecond),
                    errors[0].ToString(CultureInfo.InvariantCulture));
            }

            report.Section("HTTP API: request card end to end");
            report.Table(table);
            report.Note(
                $"Each caller awaits its call before the next and cycles over {UsersPerCaller} users of its own; every call makes a new card of a card type "
                + "whose Request card has no approval step. HTTP: POST /cards with X-Api-Key over HTTP/1.1 keep-alive to Kestrel on 127.0.0.1 in the same "
                + "process as the silo (API key check, JSON, problem details, audit operator), answer 201. Grain: ICardGrain.RequestAsync on a new card id. "
                + $"Both on one temp SQLite file; {Format.Seconds(settings.Warmup)} warm-up each, then {settings.Rounds} alternating rounds of {Format.Seconds(settings.Duration)}. "
                + "errors: HTTP answers other than 201 (they count as calls).");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static Func<Task> GrainCaller(IGrainFactory grains, string[] users)
    {
        var next = 0;
        return () => grains.GetGrain<ICardGrain>(Guid.NewGuid().ToString())
            .RequestAsync(new RequestCardCommand(users[next++ % users.Length], CardType));
    }

    private static Func<Task> HttpCaller(HttpClient http, string[] users, int[] errors)
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
}

using System.Globalization;
using System.Net;
using System.Text;
using CardActors.Api.Security;
using CardActors.Bench.Harness;
using CardActors.Grains;
using CardActors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Bench.Http;

/// <summary>
/// Issue 8, "the cost of a use case does not grow with history": <c>POST /cards</c> for 10 users on
/// the embedded node, measured at the start and again once those users have
/// <see cref="BenchSettings.HistoryCards"/> cards (default 100,000), each time against
/// <c>GET /health</c> on the same node. Before users kept only the cards holding one of their places,
/// every card rewrote its user's list of all cards, and the rate fell with the count.
/// </summary>
internal sealed class HistorySuite : ISuite
{
    private const string CardType = "bench";
    private const string ApiKey = "bench-operator-key-0123456789";
    private const int UserCount = 10;

    /// <summary>The connections of the measurement the issue quotes (wrk, 32 connections).</summary>
    private const int Callers = 32;

    /// <summary>The target: the rate after the history, as a share of the rate at the start.</summary>
    private const double Target = 0.9;

    public string Name => "history";

    public string Description => $"HTTP POST /cards for {UserCount} users at the start and after --history-cards cards (default 100,000), {Callers} callers";

    public Task RunAsync(BenchSettings settings, Report report)
        => EmbeddedNode.InTemporaryDirectoryAsync("cardactors-bench-history-", data => MeasureAsync(data, settings, report));

    private static async Task MeasureAsync(string dataDirectory, BenchSettings settings, Report report)
    {
        var ports = LocalCluster.FreePorts(2);
        await using var node = await EmbeddedNode.StartAsync(dataDirectory, EmbeddedNode.Settings(dataDirectory, "bench-history", ports[0], ports[1], ApiKey));
        try
        {
            var grains = node.Services.GetRequiredService<IGrainFactory>();
            DomainRequestContext.SetOperator("bench-operator");
            var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
            await config.DefineCardTypeAsync(new DefineCardTypeCommand(CardType, CardKind.Permanent));
            await config.EnableUseCasesAsync(CardType, [UseCases.CardsProcRequest]);
            var users = Enumerable.Range(0, UserCount).Select(u => "history-" + u.ToString("00", CultureInfo.InvariantCulture)).ToArray();
            foreach (var user in users)
            {
                await grains.GetGrain<IUserGrain>(user).CreateAsync(new CreateUserCommand($"History {user}"));
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
            {
                BaseAddress = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).First(),
                DefaultRequestVersion = HttpVersion.Version11,
            };
            http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ApiKey);
            var counts = new long[2];
            var posts = Enumerable.Range(0, Callers).Select(i => PostCard(http, users, i, counts)).ToArray();
            var healths = Enumerable.Range(0, Callers).Select(_ => Health(http, counts)).ToArray();

            var table = new MarkdownTable("when", "cards of the 10 users", "POST /cards req/s", "p50 µs", "p99 µs", "GET /health req/s", "POST / health", "errors");
            var (startHealth, start) = await LoadRunner.CompareAsync(healths, posts, settings);
            var startCards = Interlocked.Read(ref counts[0]);
            AddRow(table, "start", startCards, start, startHealth, counts);

            // The history: the same requests, unmeasured, until the users have the cards asked for.
            var filling = System.Diagnostics.Stopwatch.StartNew();
            while (Interlocked.Read(ref counts[0]) < settings.HistoryCards)
            {
                await LoadRunner.MeasureAsync(posts, TimeSpan.FromSeconds(5), settings.YieldEvery);
                await Console.Error.WriteLineAsync($"history: {Interlocked.Read(ref counts[0]):N0} cards after {filling.Elapsed.TotalSeconds:N0} s");
            }

            var fillRate = (Interlocked.Read(ref counts[0]) - startCards) / filling.Elapsed.TotalSeconds;
            var (afterHealth, after) = await LoadRunner.CompareAsync(healths, posts, settings);
            AddRow(table, "after the history", Interlocked.Read(ref counts[0]), after, afterHealth, counts);

            var ratio = after.CallsPerSecond / start.CallsPerSecond;
            report.Section($"HTTP API: request card with a history ({UserCount} users)");
            report.Table(table);
            report.Note(
                $"Embedded node (SiloHost.AddCardActorsNode), {Callers} closed-loop callers, every POST /cards a new card (no approval step, 201) for one of the same "
                + $"{UserCount} users in turn. Each row: {Format.Seconds(settings.Warmup)} warm-up each, then {settings.Rounds} alternating rounds of "
                + $"{Format.Seconds(settings.Duration)} against GET /health on the same node. Between the rows the same requests ran unmeasured "
                + $"({Format.Rate(fillRate)} req/s on average) until the users had {Format.Count(settings.HistoryCards)} cards. "
                + $"After / start: POST /cards {Format.Ratio(ratio)}, GET /health {Format.Ratio(afterHealth.CallsPerSecond / startHealth.CallsPerSecond)}. "
                + "errors: answers other than 201 / 200 (cumulative).");
            report.Target(
                $"history: POST /cards after {Format.Count(settings.HistoryCards)} cards of {UserCount} users ≥ {Format.Ratio(Target)} of the start",
                $"{Format.Rate(start.CallsPerSecond)} → {Format.Rate(after.CallsPerSecond)} req/s ({Format.Ratio(ratio)})",
                ratio >= Target);
        }
        finally
        {
            await node.StopAsync();
        }
    }

    private static void AddRow(MarkdownTable table, string when, long cards, LoadResult post, LoadResult health, long[] counts)
        => table.AddRow(
            when,
            Format.Count(cards),
            Format.Rate(post.CallsPerSecond),
            Format.Microseconds(post.P50Microseconds),
            Format.Microseconds(post.P99Microseconds),
            Format.Rate(health.CallsPerSecond),
            Format.Ratio(post.CallsPerSecond / health.CallsPerSecond),
            Format.Count(Interlocked.Read(ref counts[1])));

    /// <summary>Caller <paramref name="caller"/>'s requests, over all the users in turn from its own first one; counts[0] counts the cards made.</summary>
    private static Func<Task> PostCard(HttpClient http, string[] users, int caller, long[] counts)
    {
        var bodies = users.Select(u => $"{{\"userId\":\"{u}\",\"cardType\":\"{CardType}\"}}").ToArray();
        var next = caller;
        return async () =>
        {
            using var content = new StringContent(bodies[next++ % bodies.Length], Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/cards", UriKind.Relative), content);
            Interlocked.Increment(ref counts[response.StatusCode == HttpStatusCode.Created ? 0 : 1]);
        };
    }

    private static Func<Task> Health(HttpClient http, long[] counts) => async () =>
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref counts[1]);
        }
    };
}

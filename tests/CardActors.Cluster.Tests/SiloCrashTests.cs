using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CardActors.Tests.Support;
using Xunit.Abstractions;

namespace CardActors.Cluster.Tests;

/// <summary>
/// A silo process killed (kill -9) in the middle of a burst of card requests through the API host:
/// nothing acknowledged is lost or doubled, every unacknowledged request retried with its key ends
/// with exactly one card, and the killed silo's cards answer again from the survivors.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const int Requests = 2_000;
    private const int InFlight = 32;
    private const int Users = 40;

    /// <summary>Only stops a hang: the 5 s failover target is the benchmark's to report, not a test's to assert.</summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryBound = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task Killing_a_silo_mid_burst_loses_and_doubles_nothing_and_its_cards_come_back()
    {
        var clock = Stopwatch.StartNew();
        var (cluster, users) = await ProcessCluster.StartWithUsersAsync(3, "crash", Users, output);
        using var _ = cluster;

        var requests = Enumerable.Range(0, Requests).Select(i => new CardRequest(i, Guid.NewGuid().ToString(), users[i % Users], "crash")).ToArray();
        var answers = new CardAnswer?[Requests];
        var acknowledged = new ConcurrentDictionary<int, string>();
        var victim = cluster.Silos[^1];
        Stopwatch? sinceKill = null;
        Task<TimeSpan?>? failover = null;
        var answered = 0;
        using var client = cluster.Client(ProcessCluster.OperatorKey);
        using var gate = new SemaphoreSlim(InFlight);
        var burstClock = Stopwatch.StartNew();
        await Task.WhenAll(requests.Select(async request =>
        {
            await gate.WaitAsync();
            try
            {
                var answer = await CardAnswer.SendAsync(client, request);
                answers[request.Index] = answer;
                if (answer.Created)
                {
                    acknowledged[request.Index] = answer.CardId!;
                }

                if (Interlocked.Increment(ref answered) == Requests / 3)
                {
                    // A third answered: kill -9 one silo, and watch its cards come back.
                    var before = acknowledged.Values.ToList();
                    victim.Crash();
                    sinceKill = Stopwatch.StartNew();
                    output.WriteLine($"killed {victim.Name} (pid {victim.Id}) after {answered} answers, {before.Count} acknowledged, {burstClock.Elapsed.TotalSeconds:F1} s into the burst");
                    failover = Task.Run(() => WaitAllAnswerAsync(cluster, before, sinceKill));
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        output.WriteLine($"burst of {Requests} ({InFlight} in flight) answered in {burstClock.Elapsed.TotalSeconds:F1} s: {CardAnswer.Histogram(answers!)}");

        Assert.NotNull(failover);
        var recovered = await failover;
        Assert.True(recovered is not null, $"cards acknowledged before the kill still did not all answer {FailoverBound.TotalSeconds:F0} s after it");
        output.WriteLine($"FAILOVER: every card acknowledged before the kill answered again {recovered.Value.TotalSeconds:F2} s after the kill (target 5 s, reported not asserted; bound {FailoverBound.TotalSeconds:F0} s)");

        // Every acknowledged request has its own card, stored once.
        Assert.Equal(acknowledged.Count, acknowledged.Values.Distinct().Count());
        var storedBeforeRetries = await cluster.StoredCardIdsAsync();
        Assert.Subset(storedBeforeRetries, acknowledged.Values.ToHashSet());
        var unacknowledged = requests.Where(r => !acknowledged.ContainsKey(r.Index)).ToList();
        output.WriteLine($"{acknowledged.Count} acknowledged, {unacknowledged.Count} not; {storedBeforeRetries.Count} cards stored before the retries");

        // Every unacknowledged request, retried with its key, ends with exactly one card.
        var retryClock = Stopwatch.StartNew();
        var retried = new ConcurrentDictionary<int, (CardAnswer Final, List<CardAnswer> Tries)>();
        await Parallel.ForEachAsync(unacknowledged, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (request, cancel) =>
        {
            var tries = new List<CardAnswer>();
            var deadline = Stopwatch.StartNew();
            CardAnswer answer;
            do
            {
                answer = await CardAnswer.SendAsync(client, request);
                tries.Add(answer);
                if (!answer.Created)
                {
                    await Task.Delay(500, cancel);
                }
            }
            while (!answer.Created && deadline.Elapsed < RetryBound);
            retried[request.Index] = (answer, tries);
        });
        output.WriteLine($"retries of {unacknowledged.Count} done in {retryClock.Elapsed.TotalSeconds:F1} s; first tries: {CardAnswer.Histogram(retried.Values.Select(r => r.Tries[0]))}; "
            + $"all tries: {CardAnswer.Histogram(retried.Values.SelectMany(r => r.Tries))}");
        var failed = retried.Where(r => !r.Value.Final.Created).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} retried requests never got their card within {RetryBound.TotalSeconds:F0} s, e.g. {string.Join("; ", failed.Take(3).Select(f => string.Join(" → ", f.Value.Tries.Select(t => t.Kind))))}");

        var cards = acknowledged.Values.Concat(retried.Values.Select(r => r.Final.CardId!)).ToList();
        Assert.Equal(Requests, cards.Count);
        Assert.Equal(Requests, cards.Distinct().Count());

        // Before the retries, the store held the acknowledged cards plus those of unacknowledged requests that had run after all.
        var ranUnacknowledged = retried.Values.Count(r => storedBeforeRetries.Contains(r.Final.CardId!));
        Assert.Equal(acknowledged.Count + ranUnacknowledged, storedBeforeRetries.Count);
        output.WriteLine($"{ranUnacknowledged} unacknowledged requests had made their card before the retry (the retry answered it)");

        var stored = await cluster.StoredCardIdsAsync();
        Assert.Equal(Requests, stored.Count);
        Assert.Equal(cards.ToHashSet(), stored);

        // And every card answers through the API host, with its own user.
        var byCard = requests.ToDictionary(r => acknowledged.TryGetValue(r.Index, out var id) ? id : retried[r.Index].Final.CardId!, r => r.UserId);
        await Parallel.ForEachAsync(byCard, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (pair, cancel) =>
        {
            using var response = await client.GetAsync(new Uri($"/cards/{pair.Key}", UriKind.Relative), cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement;
            Assert.Equal(pair.Value, card.GetProperty("userId").GetString());
        });
        output.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// From the kill until every one of <paramref name="cardIds"/> has answered <c>GET /cards/{id}</c>
    /// through the API host (each card once is enough: the killed silo's cards fail until the cluster
    /// has declared it dead and they activate elsewhere). Null when that did not happen within the bound.
    /// </summary>
    private static async Task<TimeSpan?> WaitAllAnswerAsync(ProcessCluster cluster, IReadOnlyCollection<string> cardIds, Stopwatch sinceKill)
    {
        using var probe = cluster.Client(ProcessCluster.OperatorKey, TimeSpan.FromSeconds(3));
        var pending = new ConcurrentDictionary<string, bool>(cardIds.Select(id => KeyValuePair.Create(id, true)));
        while (sinceKill.Elapsed < FailoverBound)
        {
            await Parallel.ForEachAsync(pending.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, cancel) =>
            {
                try
                {
                    using var response = await probe.GetAsync(new Uri($"/cards/{id}", UriKind.Relative), cancel);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        pending.TryRemove(id, out var _);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Still failing over.
                }
            });
            if (pending.IsEmpty)
            {
                return sinceKill.Elapsed;
            }

            await Task.Delay(100);
        }

        return null;
    }
}

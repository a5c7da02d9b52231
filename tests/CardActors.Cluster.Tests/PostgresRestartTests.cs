using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace CardActors.Cluster.Tests;

/// <summary>
/// PostgreSQL restarted under a running cluster (silo processes and the API host): they recover by
/// themselves, requests succeed again, and nothing acknowledged is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const int Before = 100;
    private const int InFlight = 8;
    private const int SuccessesAfter = 50;

    /// <summary>Only stops a hang.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    [PostgresRestartFact]
    public async Task The_cluster_recovers_from_a_PostgreSQL_restart_and_loses_nothing_acknowledged()
    {
        var clock = Stopwatch.StartNew();
        var (cluster, users) = await ProcessCluster.StartWithUsersAsync(2, "restart", 10, output);
        using var _ = cluster;
        using var client = cluster.Client(ProcessCluster.OperatorKey, TimeSpan.FromSeconds(40));
        var next = 0;
        CardRequest NewRequest() { var i = Interlocked.Increment(ref next); return new CardRequest(i, Guid.NewGuid().ToString(), users[i % users.Length], "restart"); }
        var sent = new ConcurrentDictionary<CardRequest, CardAnswer>();

        // Before: everything succeeds.
        await Parallel.ForEachAsync(Enumerable.Range(0, Before), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (_, _) =>
        {
            var request = NewRequest();
            sent[request] = await CardAnswer.SendAsync(client, request);
        });
        Assert.All(sent.Values, a => Assert.True(a.Created, a.Kind));
        output.WriteLine($"{Before} cards requested before the restart, {clock.Elapsed.TotalSeconds:F1} s in");

        var restart = Stopwatch.StartNew();
        using (var pgCtl = Process.Start(new ProcessStartInfo("bash", ["-c", PostgresRestartFactAttribute.RestartCommand!]) { RedirectStandardError = true })!)
        {
            var errors = await pgCtl.StandardError.ReadToEndAsync();
            await pgCtl.WaitForExitAsync();
            Assert.True(pgCtl.ExitCode == 0, $"the restart failed ({pgCtl.ExitCode}): {errors}");
        }

        output.WriteLine($"PostgreSQL restarted (fast shutdown) in {restart.Elapsed.TotalSeconds:F1} s");

        // The restart ended every connection, the idle ones in this test process's pools too: the
        // next test (any PostgreSQL test of this process) must not be handed one of them.
        Npgsql.NpgsqlConnection.ClearAllPools();

        // After: keep sending until requests succeed again, a few at a time.
        var firstSuccess = (TimeSpan?)null;
        var successes = 0;
        var after = new ConcurrentBag<CardAnswer>();
        using var stop = new CancellationTokenSource(RecoveryBound);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, int.MaxValue), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = stop.Token }, async (_, _) =>
            {
                var request = NewRequest();
                var answer = await CardAnswer.SendAsync(client, request);
                sent[request] = answer;
                after.Add(answer);
                if (answer.Created)
                {
                    lock (after)
                    {
                        firstSuccess ??= restart.Elapsed;
                    }

                    if (Interlocked.Increment(ref successes) >= SuccessesAfter)
                    {
                        await stop.CancelAsync();
                    }
                }
                else
                {
                    await Task.Delay(100, CancellationToken.None);
                }
            });
        }
        catch (OperationCanceledException)
        {
            // Enough successes, or the bound.
        }

        output.WriteLine($"after the restart: {CardAnswer.Histogram(after)}");
        Assert.True(successes >= SuccessesAfter, $"only {successes} requests succeeded within {RecoveryBound.TotalSeconds:F0} s of the restart");
        output.WriteLine($"RECOVERY: first card request succeeded {firstSuccess!.Value.TotalSeconds:F2} s after the restart began; {SuccessesAfter} succeeded after {restart.Elapsed.TotalSeconds:F1} s");

        // Requests that failed meanwhile, retried with their keys, end with their card.
        foreach (var (request, answer) in sent.Where(s => !s.Value.Created).ToList())
        {
            var retry = answer;
            for (var attempt = 0; attempt < 20 && !retry.Created; attempt++)
            {
                retry = await CardAnswer.SendAsync(client, request);
                if (!retry.Created)
                {
                    await Task.Delay(500);
                }
            }

            Assert.True(retry.Created, $"request {request.Key} was never answered with its card: {retry.Kind}");
            sent[request] = retry;
        }

        // Nothing acknowledged is lost, nothing is doubled.
        var cards = sent.Values.Select(a => a.CardId!).ToList();
        Assert.Equal(cards.Count, cards.Distinct().Count());
        var stored = await cluster.StoredCardIdsAsync();
        Assert.Equal(cards.ToHashSet(), stored);
        foreach (var (request, answer) in sent)
        {
            using var response = await client.GetAsync(new Uri($"/cards/{answer.CardId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        output.WriteLine($"{cards.Count} cards, all stored once and answering; done in {clock.Elapsed.TotalSeconds:F1} s");
    }
}

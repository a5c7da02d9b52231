using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CardActors.Api.Idempotency;
using CardActors.Bench.Harness;
using CardActors.Bench.Storage;
using CardActors.Grains;
using CardActors.Silo;
using CardActors.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Bench.Batch;

/// <summary>
/// The control plane of a batch order: 100 stations with instant cards on the embedded default
/// (one process: silo, domain, SQLite), judged against the targets; then, with PostgreSQL, the same
/// on three silos of a PostgreSQL cluster in this process, reported. Subject: Issue multiple cards on a line, every job pushed to a
/// free station (IStationJobObserver), which claims it and reports it done at once through its station
/// grain. Baseline, same run, same cards: the same batch without a line, each job claimed and reported
/// straight at its card by 100 workers that already know their jobs (no stations, no line, no push).
/// Cards/s is from the batch's start to its last card done; CPU is the whole process's over that time.
/// </summary>
internal sealed class BatchSuite : ISuite
{
    private const string CardType = "bench";
    private const string LineId = "bench-line";
    private const int Stations = 100;
    private const int CardsPerRound = 1000;
    private const int SetupParallelism = 32;

    public string Name => "batch";

    public string Description => $"batch order on a line of {Stations} in-process stations with instant cards vs. the same cards completed straight at the card grains; embedded, then 3 silos on PostgreSQL (needs CARDACTORS_TEST_POSTGRES)";

    public Task RunAsync(BenchSettings settings, Report report)
        => EmbeddedNode.InTemporaryDirectoryAsync("cardactors-bench-batch-", async data =>
        {
            var ports = LocalCluster.FreePorts(2);
            await using (var node = await EmbeddedNode.StartAsync(data, EmbeddedNode.Settings(data, "bench-batch", ports[0], ports[1])))
            {
                await MeasureAsync([node.Services.GetRequiredService<IGrainFactory>()], "embedded default", judged: true, settings, report);
                await node.StopAsync();
            }

            var postgres = Environment.GetEnvironmentVariable(PostgresTarget.ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(postgres))
            {
                report.Section($"Batch order on a line: {Stations} stations, instant cards, 3-silo PostgreSQL cluster");
                report.Note($"Not measured: {PostgresTarget.ConnectionStringVariable} is not set (run the bench under scripts/with-postgres.sh).");
                report.Skipped("batch: 3-silo PostgreSQL cluster", $"{PostgresTarget.ConnectionStringVariable} not set");
                return;
            }

            await MeasureClusterAsync(data, postgres, settings, report);
        });

    /// <summary>The same measurement on three silos in this process that form one PostgreSQL cluster; the stations and workers spread over the silos.</summary>
    private static async Task MeasureClusterAsync(string dataDirectory, string connectionString, BenchSettings settings, Report report)
    {
        const int Silos = 3;
        var clusterId = "bench-batch-" + Guid.NewGuid().ToString("N")[..12];
        var ports = LocalCluster.FreePorts(2 * Silos);
        var silos = new List<WebApplication>();
        try
        {
            for (var i = 0; i < Silos; i++)
            {
                var data = Directory.CreateDirectory(Path.Combine(dataDirectory, "silo-" + i.ToString(CultureInfo.InvariantCulture))).FullName;
                silos.Add(await EmbeddedNode.StartAsync(data, EmbeddedNode.PostgresSettings(data, connectionString, clusterId, ports[2 * i], ports[(2 * i) + 1])));
            }

            await MeasureAsync([.. silos.Select(s => s.Services.GetRequiredService<IGrainFactory>())], $"{Silos}-silo PostgreSQL cluster", judged: false, settings, report);
        }
        finally
        {
            foreach (var silo in Enumerable.Reverse(silos))
            {
                await silo.StopAsync();
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>Rounds of the line and of the direct baseline on the silos whose grain factories are given; only a judged run is checked against the targets.</summary>
    private static async Task MeasureAsync(IReadOnlyList<IGrainFactory> silos, string where, bool judged, BenchSettings settings, Report report)
    {
        var stations = new List<InProcessStation>();
        try
        {
            var grains = silos[0];
            DomainRequestContext.SetOperator("bench-admin");
            var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
            await config.DefineCardTypeAsync(new DefineCardTypeCommand(CardType, CardKind.Permanent));
            await config.EnableUseCasesAsync(CardType, [UseCases.CardsProcRequest, UseCases.CardsBoProcIssueMultiple]);

            var completions = new Completions();
            for (var i = 0; i < Stations; i++)
            {
                var id = $"bench-station-{i:D3}";
                await grains.GetGrain<IStationGrain>(id).RegisterAsync(new RegisterStationCommand(LineId, $"Virtual PCD {i:D3}", [CardType], ["PIV"]));
                stations.Add(await new InProcessStation(silos[i % silos.Count], id, TimeSpan.FromSeconds(5)) { Completed = completions.Done }.StartAsync());
            }

            var table = new MarkdownTable("round", "line cards/s", "line CPU ms/card", "direct cards/s", "direct CPU ms/card", "line / direct", "CPU ms/card outside the card");
            var lineRates = new List<double>();
            var directRates = new List<double>();
            var outside = new List<double>();
            var rounds = Math.Max(1, settings.Rounds);

            // A warm-up round of each (JIT, first activations), not reported.
            await LineRoundAsync(grains, stations, completions, await ApprovedCardsAsync(grains, CardsPerRound / 4), verify: false);
            await DirectRoundAsync(silos, await ApprovedCardsAsync(grains, CardsPerRound / 4));
            foreach (var station in stations)
            {
                station.FromAssignment.Clear();
                station.FromFree.Clear();
            }

            for (var round = 1; round <= rounds; round++)
            {
                var direct = await DirectRoundAsync(silos, await ApprovedCardsAsync(grains, CardsPerRound));
                var line = await LineRoundAsync(grains, stations, completions, await ApprovedCardsAsync(grains, CardsPerRound), verify: true);
                lineRates.Add(line.CardsPerSecond);
                directRates.Add(direct.CardsPerSecond);
                outside.Add(line.CpuMsPerCard - direct.CpuMsPerCard);
                table.AddRow(round.ToString(CultureInfo.InvariantCulture), Format.Rate(line.CardsPerSecond), Ms(line.CpuMsPerCard),
                    Format.Rate(direct.CardsPerSecond), Ms(direct.CpuMsPerCard), Format.Ratio(line.CardsPerSecond / direct.CardsPerSecond), Ms(line.CpuMsPerCard - direct.CpuMsPerCard));
            }

            report.Section($"Batch order on a line: {Stations} stations, instant cards, {where}");
            report.Table(table);
            var fromAssignment = stations.SelectMany(s => s.FromAssignment).Order().ToList();
            var fromFree = stations.SelectMany(s => s.FromFree).Order().ToList();
            report.Note(
                $"{CardsPerRound:N0} approved cards per round and side, {rounds} rounds, direct then line; a warm-up round of each first. "
                + "line: Issue multiple cards with lineId, jobs pushed to the stations' observers, each station claims and completes through its station grain "
                + "(per card: the batch's job on the card, the offer checked at the card and stored at the station, the claim (which binds the station on the card), the result: 3 card commits with their audit and search rows, whose user reports are delivered without a second write, and 1 station write). "
                + "direct (baseline): the same batch without a line, 100 workers claim and complete the known jobs straight at the cards (per card: job, claim, result). "
                + "CPU: the process's CPU time over the round / cards. "
                + $"Push: assignment → push received p50 {Format.Microseconds(Percentile(fromAssignment, 50))} µs, p99 {Format.Microseconds(Percentile(fromAssignment, 99))} µs; "
                + $"station free → its next job received (each station's first job of a round excluded) p50 {Format.Microseconds(Percentile(fromFree, 50))} µs, p99 {Format.Microseconds(Percentile(fromFree, 99))} µs "
                + $"({fromFree.Count:N0} pushes). Station errors: {stations.Sum(s => s.Errors.Count)}.");
            if (!judged)
            {
                report.Note($"{where}: {silos.Count} silos in this process, stations and direct workers spread over them; CPU is the process's, so all silos'. Reported, not judged.");
                return;
            }

            var medianRate = Median(lineRates);
            report.Target("batch on a line: >= 1,000 cards/s (median)", $"{Format.Rate(medianRate)} cards/s (direct: {Format.Rate(Median(directRates))})", medianRate >= 1000);
            var medianOutside = Median(outside);
            report.Target("batch on a line: CPU outside the card < 1 ms/card (median)", $"{Ms(medianOutside)} ms", medianOutside < 1);
            var p99 = Percentile(fromFree, 99);
            report.Target("push: a station free gets its next job within 100 ms (p99)", $"{Format.Microseconds(p99)} µs", p99 < 100_000);
        }
        finally
        {
            foreach (var station in stations)
            {
                await station.DisposeAsync();
            }
        }
    }

    private static async Task<Round> LineRoundAsync(IGrainFactory grains, List<InProcessStation> stations, Completions completions, List<string> cards, bool verify)
    {
        foreach (var station in stations)
        {
            station.ResetFree();
        }

        var all = completions.Expect(cards.Count);
        var batchId = ResourceIds.New();
        DomainRequestContext.SetOperator("bench-operator");
        var round = await TimedAsync(cards.Count, async () =>
        {
            await grains.GetGrain<IBatchOrderGrain>(batchId).StartIssueMultipleCardsAsync(new IssueMultipleCommand(CardType, cards) { LineId = LineId });
            await all;
        });
        if (verify)
        {
            var batch = await grains.GetGrain<IBatchOrderGrain>(batchId).GetPageAsync(0, 1);
            if (batch.Done != cards.Count || batch.Pending != 0 || batch.Failed != 0)
            {
                throw new InvalidOperationException($"Batch {batchId}: {batch.Done} done, {batch.Pending} pending, {batch.Failed} failed of {cards.Count}.");
            }
        }

        return round;
    }

    private static async Task<Round> DirectRoundAsync(IReadOnlyList<IGrainFactory> silos, List<string> cards)
    {
        var batchId = ResourceIds.New();
        DomainRequestContext.SetOperator("bench-operator");
        return await TimedAsync(cards.Count, async () =>
        {
            await silos[0].GetGrain<IBatchOrderGrain>(batchId).StartIssueMultipleCardsAsync(new IssueMultipleCommand(CardType, cards));
            await Parallel.ForEachAsync(cards, new ParallelOptions { MaxDegreeOfParallelism = Stations }, async (cardId, _) =>
            {
                var jobId = cardId + ".1";
                var worker = cardId.GetHashCode(StringComparison.Ordinal) & 127;
                var card = silos[worker % silos.Count].GetGrain<ICardProductionGrain>(cardId);
                var workerId = "worker-" + worker.ToString(CultureInfo.InvariantCulture);
                await card.ClaimJobAsync(jobId, workerId);
                await card.CompleteJobAsync(jobId, workerId, ProductionJobResult.Done("SN-" + jobId));
            });
        });
    }

    private static async Task<Round> TimedAsync(int cards, Func<Task> run)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run();
        clock.Stop();
        process.Refresh();
        return new Round(cards / clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / cards);
    }

    /// <summary>
    /// New users, each with an approved card of the bench type (Request card has no approval step); not
    /// timed. Card and batch ids are the API's (time-ordered, <see cref="ResourceIds"/>), so that the
    /// card-keyed tables fill as a real line's do; user ids stay random, as users come. The batch lists
    /// the cards in the order they were requested, as an operator picks them from the card list.
    /// </summary>
    private static async Task<List<string>> ApprovedCardsAsync(IGrainFactory grains, int count)
    {
        var cards = new ConcurrentBag<string>();
        DomainRequestContext.SetOperator("bench-operator");
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (_, _) =>
        {
            var userId = "u-" + Guid.NewGuid().ToString("N")[..16];
            await grains.GetGrain<IUserGrain>(userId).CreateAsync(new CreateUserCommand("Bench " + userId, userId + "@example.test", "Bench", UserState.Active));
            var cardId = ResourceIds.New();
            await grains.GetGrain<ICardGrain>(cardId).RequestAsync(new RequestCardCommand(userId, CardType));
            cards.Add(cardId);
        });
        return [.. cards.Order(StringComparer.Ordinal)];
    }

    private static string Ms(double value) => value.ToString("N3", CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static double Percentile(List<double> sorted, double percentile)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1)];

    private readonly record struct Round(double CardsPerSecond, double CpuMsPerCard);

    /// <summary>Counts the stations' finished jobs and completes the round's task when all of its cards are done.</summary>
    private sealed class Completions
    {
        private int _remaining;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Expect(int count)
        {
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _remaining, count);
            return _all.Task;
        }

        public void Done(string jobId)
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _all.TrySetResult();
            }
        }
    }
}

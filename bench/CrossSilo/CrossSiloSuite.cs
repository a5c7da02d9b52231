using System.Globalization;
using CardActors.Bench.Calls;
using CardActors.Bench.Harness;

namespace CardActors.Bench.CrossSilo;

/// <summary>
/// Grain-to-grain calls between two silos over TCP on loopback, against the same calls between two
/// grains of one silo, in the same run. Each closed-loop caller calls a forwarder grain on silo A,
/// which calls its own target grain: on silo B (subject) or on silo A (baseline). Then open-loop
/// runs, on both sides, at half the target rate (the load the latency target names) and at half
/// the measured maximum.
/// </summary>
internal sealed class CrossSiloSuite : ISuite
{
    private const double TargetCallsPerSecond = 50_000;
    private const double TargetP99Microseconds = 5_000;
    private const double OpenLoopShare = 0.5;

    public string Name => "cross-silo";

    public string Description => "grain-to-grain calls between two silos on TCP loopback vs. two grains on one silo; open loop at half the target and at half the maximum";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        await using var cluster = await LocalCluster.StartAsync(2);
        const int siloA = 0;
        const int siloB = 1;
        var nextKey = 1_000_000L;
        var misplaced = 0;

        var table = new MarkdownTable(
            "callers", "cross-silo calls/s", "p50 µs", "p99 µs", "p99.9 µs", "B/call",
            "same-silo calls/s", "p50 µs", "p99 µs", "cross / same");
        var bestCross = 0.0;
        Func<Task>[] lastCross = [];
        Func<Task>[] lastSame = [];
        var targetCallers = settings.CallerCounts.Max();
        foreach (var callers in settings.CallerCounts)
        {
            var cross = new Func<Task>[callers];
            var same = new Func<Task>[callers];
            for (var i = 0; i < callers; i++)
            {
                (cross[i], var crossOk) = await PairAsync(cluster, siloA, siloB, nextKey++, nextKey++);
                (same[i], var sameOk) = await PairAsync(cluster, siloA, siloA, nextKey++, nextKey++);
                misplaced += (crossOk ? 0 : 1) + (sameOk ? 0 : 1);
            }

            var (baseline, subject) = await LoadRunner.CompareAsync(same, cross, settings);
            table.AddRow(
                callers.ToString(CultureInfo.InvariantCulture),
                Format.Rate(subject.CallsPerSecond),
                Format.Microseconds(subject.P50Microseconds),
                Format.Microseconds(subject.P99Microseconds),
                Format.Microseconds(subject.Latency.PercentileMicroseconds(99.9)),
                Format.Bytes(subject.AllocatedBytesPerCall),
                Format.Rate(baseline.CallsPerSecond),
                Format.Microseconds(baseline.P50Microseconds),
                Format.Microseconds(baseline.P99Microseconds),
                Format.Ratio(subject.CallsPerSecond / baseline.CallsPerSecond));
            bestCross = Math.Max(bestCross, subject.CallsPerSecond);
            if (callers == targetCallers)
            {
                lastCross = cross;
                lastSame = same;
                report.Target(
                    $"cross-silo grain-to-grain, {callers} callers: ≥ {Format.Rate(TargetCallsPerSecond)} calls/s",
                    $"{Format.Rate(subject.CallsPerSecond)} calls/s (same silo {Format.Rate(baseline.CallsPerSecond)})",
                    subject.CallsPerSecond >= TargetCallsPerSecond);
            }
        }

        report.Section("Cross-silo grain calls (two silos, TCP loopback)");
        report.Table(table);
        report.Note(
            $"Closed loop: each caller awaits its call before the next and yields after every {settings.YieldEvery} calls. A call is one external call "
            + "to a forwarder grain on silo A (local, no network) plus the forwarder's grain-to-grain call to its own target grain: on silo B over TCP "
            + "(cross-silo) or on silo A (same-silo baseline). Both silos run in this process as separate Orleans hosts with localhost clustering on "
            + $"127.0.0.1 (own silo ports, silo A primary). {Format.Seconds(settings.Warmup)} warm-up each, then {settings.Rounds} alternating rounds of "
            + $"{Format.Seconds(settings.Duration)}. Placement checked on every grain: {misplaced} misplaced.");

        // "p99 < 5 ms at half that load": half of the 50,000 calls/s target is the judged rate. Half of
        // the best measured rate is reported too, since on a quiet machine that is the harder load.
        var open = new MarkdownTable(
            "", "offered calls/s", "achieved calls/s", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "p50 from send µs", "p99 from send µs", "errors");
        var judgedRate = TargetCallsPerSecond * OpenLoopShare;
        (OpenLoopResult Cross, OpenLoopResult Same)? judged = null;
        foreach (var rate in new[] { judgedRate, bestCross * OpenLoopShare }.Distinct())
        {
            var (crossOpen, sameOpen) = await OpenLoopAsync(lastCross, lastSame, rate, settings);
            AddOpenRow(open, "cross-silo", rate, crossOpen);
            AddOpenRow(open, "same-silo (baseline)", rate, sameOpen);
            judged ??= (crossOpen, sameOpen);
        }

        report.Section("Cross-silo grain calls in an open loop: at half the target, and at half the maximum");
        report.Table(open);
        report.Note(
            $"Calls are started on a fixed schedule over the {lastCross.Length} forwarders of the last row, whether or not earlier calls have answered: "
            + $"first at {Format.Rate(judgedRate)}/s (half of the {Format.Rate(TargetCallsPerSecond)} calls/s target, the load the target names), then at "
            + "half of the best closed-loop cross-silo rate above. Latency counts from each call's due time, so it includes "
            + "the dispatchers' wake-up lag (dispatcher threads that sleep 1 ms at a time, more when the OS runs other work first) and any backlog; \"from send\" counts "
            + "from the moment the call was actually made, without the dispatchers' lateness. "
            + $"{settings.Rounds} alternating rounds of {Format.Seconds(settings.Duration)} per side after {Format.Seconds(settings.Warmup)} of warm-up.");
        var (judgedCross, judgedSame) = judged!.Value;
        report.Target(
            $"cross-silo at half the target ({Format.Rate(judgedRate)} calls/s): p99 < {Format.Microseconds(TargetP99Microseconds)} µs",
            $"p99 {Format.Microseconds(judgedCross.Latency.PercentileMicroseconds(99))} µs (same silo {Format.Microseconds(judgedSame.Latency.PercentileMicroseconds(99))} µs)",
            judgedCross.Latency.PercentileMicroseconds(99) < TargetP99Microseconds && judgedCross.Errors == 0);
    }

    /// <summary>Alternating open-loop rounds of both sides at one rate, after a warm-up of each.</summary>
    private static async Task<(OpenLoopResult Cross, OpenLoopResult Same)> OpenLoopAsync(Func<Task>[] cross, Func<Task>[] same, double rate, BenchSettings settings)
    {
        await OpenLoopRunner.RunAsync(same, rate, settings.Warmup);
        await OpenLoopRunner.RunAsync(cross, rate, settings.Warmup);
        OpenLoopResult? crossTotal = null;
        OpenLoopResult? sameTotal = null;
        for (var round = 0; round < settings.Rounds; round++)
        {
            var s = await OpenLoopRunner.RunAsync(same, rate, settings.Duration);
            sameTotal = sameTotal is null ? s : sameTotal.Plus(s);
            var c = await OpenLoopRunner.RunAsync(cross, rate, settings.Duration);
            crossTotal = crossTotal is null ? c : crossTotal.Plus(c);
        }

        return (crossTotal!, sameTotal!);
    }

    private static void AddOpenRow(MarkdownTable table, string name, double rate, OpenLoopResult result) => table.AddRow(
        name,
        Format.Rate(rate),
        Format.Rate(result.Calls / result.Elapsed.TotalSeconds),
        Format.Microseconds(result.Latency.PercentileMicroseconds(50)),
        Format.Microseconds(result.Latency.PercentileMicroseconds(99)),
        Format.Microseconds(result.Latency.PercentileMicroseconds(99.9)),
        Format.Microseconds(result.Latency.MaxMicroseconds),
        Format.Microseconds(result.ServiceTime.PercentileMicroseconds(50)),
        Format.Microseconds(result.ServiceTime.PercentileMicroseconds(99)),
        Format.Count(result.Errors));

    /// <summary>A forwarder activated on <paramref name="callerSilo"/> whose target is activated on <paramref name="targetSilo"/>; false if placement put either elsewhere.</summary>
    private static async Task<(Func<Task> Call, bool Placed)> PairAsync(LocalCluster cluster, int callerSilo, int targetSilo, long forwarderKey, long targetKey)
    {
        var target = cluster.GrainFactory(targetSilo).GetGrain<ICounterBenchGrain>(targetKey);
        var targetAt = await target.Where();
        var forwarder = cluster.GrainFactory(callerSilo).GetGrain<IForwarderGrain>(forwarderKey);
        var forwarderAt = await forwarder.SetTarget(targetKey);
        return (forwarder.Forward, targetAt == cluster.SiloAddress(targetSilo) && forwarderAt == cluster.SiloAddress(callerSilo));
    }
}

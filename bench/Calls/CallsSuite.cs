using CardActors.Bench.Harness;

namespace CardActors.Bench.Calls;

/// <summary>
/// Local grain call throughput and latency, against the same counter as a lock-protected object
/// called through a Task-returning method by the same closed-loop callers.
/// </summary>
internal sealed class CallsSuite : ISuite
{
    private const int TargetCallers = 64;
    private const double TargetCallsPerSecond = 500_000;
    private const double TargetP99Microseconds = 1_000;

    public string Name => "calls";

    public string Description => "local grain call throughput and latency (1, 8, 64 callers; 64 callers on one grain)";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        await using var silo = await LocalCluster.StartAsync(1);
        var factory = silo.GrainFactory(0);

        var table = new MarkdownTable(
            "callers", "grains", "grain calls/s", "p50 µs", "p99 µs", "p99.9 µs", "B/call", "GCs 0/1/2",
            "baseline calls/s", "p50 µs", "p99 µs", "grain / baseline");

        var cases = settings.CallerCounts.Select(n => (Callers: n, SharedTarget: false)).Append((Callers: TargetCallers, SharedTarget: true));
        var nextKey = 0L;
        foreach (var (callers, shared) in cases)
        {
            var grains = new Func<Task>[callers];
            var counters = new Func<Task>[callers];
            var sharedGrain = factory.GetGrain<ICounterBenchGrain>(nextKey++);
            var sharedCounter = new LockedCounter();
            for (var i = 0; i < callers; i++)
            {
                grains[i] = (shared ? sharedGrain : factory.GetGrain<ICounterBenchGrain>(nextKey++)).Increment;
                counters[i] = (shared ? sharedCounter : new LockedCounter()).IncrementAsync;
            }

            var (baseline, grain) = await LoadRunner.CompareAsync(counters, grains, settings);
            table.AddRow(
                callers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                shared ? "1 (shared)" : $"{callers} (one each)",
                Format.Rate(grain.CallsPerSecond),
                Format.Microseconds(grain.P50Microseconds),
                Format.Microseconds(grain.P99Microseconds),
                Format.Microseconds(grain.Latency.PercentileMicroseconds(99.9)),
                Format.Bytes(grain.AllocatedBytesPerCall),
                grain.Collections.ToString(),
                Format.Rate(baseline.CallsPerSecond),
                Format.Microseconds(baseline.P50Microseconds),
                Format.Microseconds(baseline.P99Microseconds),
                Format.Ratio(grain.CallsPerSecond / baseline.CallsPerSecond));

            if (callers == TargetCallers && !shared)
            {
                report.Target(
                    $"{TargetCallers} callers on {TargetCallers} grains: ≥ {Format.Rate(TargetCallsPerSecond)} calls/s",
                    $"{Format.Rate(grain.CallsPerSecond)} calls/s",
                    grain.CallsPerSecond >= TargetCallsPerSecond);
                report.Target(
                    $"{TargetCallers} callers on {TargetCallers} grains: p99 < {Format.Microseconds(TargetP99Microseconds)} µs",
                    $"p99 {Format.Microseconds(grain.P99Microseconds)} µs",
                    grain.P99Microseconds < TargetP99Microseconds);
            }
        }

        report.Section("Local grain calls");
        report.Table(table);
        report.Note(
            $"Each caller awaits its call before making the next, and yields (Task.Yield) after every {settings.YieldEvery} calls. Per row: {Format.Seconds(settings.Warmup)} warm-up of each side, then {settings.Rounds} rounds of "
            + $"{Format.Seconds(settings.Duration)} measured, baseline and grain in turn, added up. "
            + "Grain: ICounterBenchGrain.Increment through a grain reference of an Orleans silo in this process (localhost clustering, called from outside any grain). "
            + "Baseline: the same counter as a plain object behind a lock, called through a Task-returning method by the same callers. "
            + "B/call and GCs are process-wide during the measured run (the harness itself allocates nothing per call).");
    }
}

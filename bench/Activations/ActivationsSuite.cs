using System.Diagnostics;
using CardActors.Bench.Calls;
using CardActors.Bench.Harness;

namespace CardActors.Bench.Activations;

/// <summary>
/// What an activation costs: one caller makes the first call to N distinct grains, one after the
/// other. Retained bytes are the difference of <see cref="GC.GetTotalMemory(bool)"/> (after full
/// collections) once all N activations exist and are idle; allocated bytes count everything the
/// process allocated meanwhile, including the grain reference each first call goes through.
/// </summary>
internal sealed class ActivationsSuite : ISuite
{
    private const double TargetRetainedBytes = 2048;
    private const int WarmupActivations = 2_000;

    public string Name => "activations";

    public string Description => "time and memory per activation (first call to 100,000 distinct grains)";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var count = settings.Activations;

        var directory = new PlainDirectory();
        await ActivateAsync(directory.IncrementAsync, -WarmupActivations, WarmupActivations);
        var baseline = await MeasureAsync(directory.IncrementAsync, count);
        GC.KeepAlive(directory);

        await using var silo = await LocalCluster.StartAsync(1);
        var factory = silo.GrainFactory(0);
        Func<long, Task> firstCall = key => factory.GetGrain<ICounterBenchGrain>(key).Increment();
        await ActivateAsync(firstCall, -WarmupActivations, WarmupActivations);
        var grain = await MeasureAsync(firstCall, count);
        var alive = await factory.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

        var table = new MarkdownTable("", "activations", "time", "µs each", "per second", "retained B each", "allocated B each");
        table.AddRow("grain activation", Format.Count(grain.Count), Format.Seconds(grain.Elapsed), Format.Microseconds(grain.MicrosecondsEach),
            Format.Rate(grain.PerSecond), Format.Bytes(grain.RetainedBytesEach), Format.Bytes(grain.AllocatedBytesEach));
        table.AddRow("baseline (object in a ConcurrentDictionary)", Format.Count(baseline.Count), Format.Seconds(baseline.Elapsed),
            Format.Microseconds(baseline.MicrosecondsEach), Format.Rate(baseline.PerSecond), Format.Bytes(baseline.RetainedBytesEach),
            Format.Bytes(baseline.AllocatedBytesEach));

        report.Section("Activations");
        report.Table(table);
        report.Note(
            $"One caller awaits the first call to each of {Format.Count(count)} distinct keys in turn ({Format.Count(alive)} activations alive afterwards, "
            + $"{Format.Count(WarmupActivations)} of them from the warm-up). Retained: GC.GetTotalMemory(true) after minus before, per activation, "
            + "with every activation idle. Allocated: GC.GetTotalAllocatedBytes(true) difference, per activation.");
        report.Target(
            $"retained memory per idle activation ≤ {Format.Bytes(TargetRetainedBytes)} B",
            $"{Format.Bytes(grain.RetainedBytesEach)} B",
            grain.RetainedBytesEach <= TargetRetainedBytes);
    }

    private static async Task<ActivationCost> MeasureAsync(Func<long, Task> firstCall, int count)
    {
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await ActivateAsync(firstCall, 0, count);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        return new ActivationCost(count, elapsed, retained, allocated);
    }

    private static async Task ActivateAsync(Func<long, Task> firstCall, long firstKey, int count)
    {
        for (var key = firstKey; key < firstKey + count; key++)
        {
            await firstCall(key);
        }
    }
}

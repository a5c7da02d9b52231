using System.Diagnostics;

namespace CardActors.Bench.Harness;

/// <summary>
/// Runs closed-loop callers: each one awaits its call before making the next, for a fixed time.
/// Every caller records the latency of each call in its own preallocated histogram, so the
/// measurement itself allocates nothing per call.
/// </summary>
internal static class LoadRunner
{
    /// <summary>
    /// Warms both up, then measures the baseline and the subject in turn for
    /// <see cref="BenchSettings.Rounds"/> rounds of <see cref="BenchSettings.Duration"/> each and adds
    /// the rounds up: whatever else the machine does meanwhile slows both sides alike.
    /// </summary>
    public static async Task<(LoadResult Baseline, LoadResult Subject)> CompareAsync(
        IReadOnlyList<Func<Task>> baseline, IReadOnlyList<Func<Task>> subject, BenchSettings settings)
    {
        var yieldEvery = settings.YieldEvery;
        await MeasureAsync(baseline, settings.Warmup, yieldEvery);
        await MeasureAsync(subject, settings.Warmup, yieldEvery);
        var baselineResult = await MeasureAsync(baseline, settings.Duration, yieldEvery);
        var subjectResult = await MeasureAsync(subject, settings.Duration, yieldEvery);
        for (var round = 1; round < settings.Rounds; round++)
        {
            baselineResult = baselineResult.Plus(await MeasureAsync(baseline, settings.Duration, yieldEvery));
            subjectResult = subjectResult.Plus(await MeasureAsync(subject, settings.Duration, yieldEvery));
        }

        return (baselineResult, subjectResult);
    }

    /// <summary>One closed-loop run of <paramref name="callers"/> for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> MeasureAsync(IReadOnlyList<Func<Task>> callers, TimeSpan duration, int yieldEvery)
    {
        var histograms = new LatencyHistogram[callers.Count];
        for (var i = 0; i < histograms.Length; i++)
        {
            histograms[i] = new LatencyHistogram();
        }

        var stop = new StopSignal();
        var tasks = new Task<long>[callers.Count];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var collectionsBefore = GcCounts.Now;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var usageBefore = ProcessUsage.Now();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < tasks.Length; i++)
        {
            var call = callers[i];
            var histogram = histograms[i];
            tasks[i] = Task.Run(() => CallLoopAsync(call, histogram, stop, yieldEvery));
        }

        await Task.Delay(duration);
        stop.Stop();
        var calls = (await Task.WhenAll(tasks)).Sum();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var usage = ProcessUsage.Now() - usageBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GcCounts.Now - collectionsBefore;

        var latency = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            latency.Add(histogram);
        }

        return new LoadResult(calls, elapsed, latency, allocated, collections, usage);
    }

    // Every yieldEvery calls the caller gives its thread back (outside the timed region). A grain
    // call from outside a grain often completes its caller's continuation inline, inside the
    // activation's work item; a loop that never yields then keeps a thread-pool thread for ever,
    // and on 2 cores 64 such loops starve every other grain and the silo's own timers.
    private static async Task<long> CallLoopAsync(Func<Task> call, LatencyHistogram histogram, StopSignal stop, int yieldEvery)
    {
        long calls = 0;
        while (!stop.IsStopped)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            histogram.Record(Stopwatch.GetTimestamp() - started);
            calls++;
            if (calls % yieldEvery == 0)
            {
                await Task.Yield();
            }
        }

        return calls;
    }
}

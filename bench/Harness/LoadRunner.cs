using System.Diagnostics;

namespace CardActors.Bench.Harness;

/// <summary>
/// Runs closed-loop callers: each one awaits its call before making the next, for a fixed time.
/// Every caller records the latency of each call in its own preallocated histogram, so the
/// measurement itself allocates nothing per call.
/// </summary>
internal static class LoadRunner
{
    // A call that completes synchronously never gives its thread back; after this many in a row the
    // caller yields (outside the timed region), so that 64 callers all make progress on 2 cores.
    private const int MaxInlineCompletions = 64;

    /// <summary>
    /// Warms both up, then measures the baseline and the subject in turn for
    /// <see cref="BenchSettings.Rounds"/> rounds of <see cref="BenchSettings.Duration"/> each and adds
    /// the rounds up: whatever else the machine does meanwhile slows both sides alike.
    /// </summary>
    public static async Task<(LoadResult Baseline, LoadResult Subject)> CompareAsync(
        IReadOnlyList<Func<Task>> baseline, IReadOnlyList<Func<Task>> subject, BenchSettings settings)
    {
        await MeasureAsync(baseline, settings.Warmup);
        await MeasureAsync(subject, settings.Warmup);
        var baselineResult = await MeasureAsync(baseline, settings.Duration);
        var subjectResult = await MeasureAsync(subject, settings.Duration);
        for (var round = 1; round < settings.Rounds; round++)
        {
            baselineResult = baselineResult.Plus(await MeasureAsync(baseline, settings.Duration));
            subjectResult = subjectResult.Plus(await MeasureAsync(subject, settings.Duration));
        }

        return (baselineResult, subjectResult);
    }

    private static async Task<LoadResult> MeasureAsync(IReadOnlyList<Func<Task>> callers, TimeSpan duration)
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
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < tasks.Length; i++)
        {
            var call = callers[i];
            var histogram = histograms[i];
            tasks[i] = Task.Run(() => CallLoopAsync(call, histogram, stop));
        }

        await Task.Delay(duration);
        stop.Stop();
        var calls = (await Task.WhenAll(tasks)).Sum();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GcCounts.Now - collectionsBefore;

        var latency = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            latency.Add(histogram);
        }

        return new LoadResult(calls, elapsed, latency, allocated, collections);
    }

    private static async Task<long> CallLoopAsync(Func<Task> call, LatencyHistogram histogram, StopSignal stop)
    {
        long calls = 0;
        var inline = 0;
        while (!stop.IsStopped)
        {
            var started = Stopwatch.GetTimestamp();
            var task = call();
            inline = task.IsCompleted ? inline + 1 : 0;
            await task;
            histogram.Record(Stopwatch.GetTimestamp() - started);
            calls++;
            if (inline == MaxInlineCompletions)
            {
                inline = 0;
                await Task.Yield();
            }
        }

        return calls;
    }
}

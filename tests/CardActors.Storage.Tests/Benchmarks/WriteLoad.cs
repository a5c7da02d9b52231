using System.Diagnostics;
using System.Globalization;

namespace CardActors.Storage.Tests.Benchmarks;

/// <summary>
/// Runs <c>writers</c> closed loops of one write each for a fixed time and reports writes/s and
/// latency. Loops are either async (awaiting the storage) or, for raw synchronous drivers, a
/// dedicated thread each, so that blocking calls do not compete with the thread pool.
/// </summary>
internal static class WriteLoad
{
    public static Task<LoadResult> RunAsync(int writers, TimeSpan duration, Func<int, Func<Task>> createWriter)
        => Measure(writers, duration, (index, until, latencies) => Task.Run(async () =>
        {
            var write = createWriter(index);
            await Loop(until, latencies, async () => await write());
        }));

    public static Task<LoadResult> RunOnThreadsAsync(int writers, TimeSpan duration, Func<int, Action> createWriter)
        => Measure(writers, duration, (index, until, latencies) =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                try
                {
                    var write = createWriter(index);
                    Loop(until, latencies, () =>
                    {
                        write();
                        return Task.CompletedTask;
                    }).GetAwaiter().GetResult();
                    done.SetResult();
                }
                catch (Exception exception)
                {
                    done.SetException(exception);
                }
            }) { IsBackground = true }.Start();
            return done.Task;
        });

    private static async Task<LoadResult> Measure(int writers, TimeSpan duration, Func<int, long, List<double>, Task> start)
    {
        var latencies = Enumerable.Range(0, writers).Select(_ => new List<double>(100_000)).ToArray();
        var clock = Stopwatch.StartNew();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => start(i, until, latencies[i])));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(writers, all.Length, elapsed, all);
    }

    private static async Task Loop(long until, List<double> latencies, Func<Task> write)
    {
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            await write();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}

internal sealed record LoadResult(int Writers, int Writes, TimeSpan Elapsed, double[] SortedLatenciesMs)
{
    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;

    public double Percentile(double p) => SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Min(SortedLatenciesMs.Length - 1, (int)(p * SortedLatenciesMs.Length))];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Writers,3} writers: {WritesPerSecond,9:N0} writes/s  p50 {Percentile(0.50),7:F2} ms  p99 {Percentile(0.99),7:F2} ms  p99.9 {Percentile(0.999),7:F2} ms  max {SortedLatenciesMs[^1],7:F2} ms  ({Writes:N0} writes)");
}

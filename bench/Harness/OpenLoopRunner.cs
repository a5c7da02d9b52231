using System.Diagnostics;

namespace CardActors.Bench.Harness;

/// <summary>
/// An open-loop (rate-limited) load: calls are started on a fixed schedule, whether or not earlier
/// ones have answered, and each call's latency is counted from the time it was due, not from when
/// it was sent, so a stall shows as latency of every call that should have been sent meanwhile
/// (no coordinated omission).
/// </summary>
/// <remarks>
/// The dispatchers are threads of their own, one per core, that sleep one millisecond at a time and
/// then start every call that has come due. Dispatchers on the thread pool (Task.Delay) woke 2-3 ms
/// late at the median once the silos kept the pool busy, and that lateness, which no silo sees,
/// was most of the measured p99 of even the same-silo baseline (docs/benchmarks.md). A thread's
/// sleep on Linux wakes within about 0.1 ms of its millisecond, so a call now waits at most about a
/// millisecond for its dispatcher, plus whatever the OS scheduler adds, which still counts.
/// </remarks>
internal static class OpenLoopRunner
{
    public static async Task<OpenLoopResult> RunAsync(IReadOnlyList<Func<Task>> targets, double callsPerSecond, TimeSpan duration)
    {
        var dispatchers = Environment.ProcessorCount;
        var runs = new Task<OpenLoopResult>[dispatchers];
        var started = Stopwatch.GetTimestamp();
        for (var d = 0; d < dispatchers; d++)
        {
            var mine = targets.Where((_, i) => i % dispatchers == d).ToArray();
            if (mine.Length == 0)
            {
                mine = [targets[d % targets.Count]];
            }

            var run = new TaskCompletionSource<Task<OpenLoopResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => run.SetResult(Dispatch(mine, callsPerSecond / dispatchers, started, duration)))
            {
                IsBackground = true,
                Name = $"open-loop dispatcher {d}",
            };
            thread.Start();
            runs[d] = run.Task.Unwrap();
        }

        var results = await Task.WhenAll(runs);
        var total = results[0];
        foreach (var result in results.Skip(1))
        {
            total = total.Plus(result);
        }

        return total with { Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    /// <summary>Starts this dispatcher's share of the calls as they come due; the task ends when every call has answered.</summary>
    private static async Task<OpenLoopResult> Dispatch(Func<Task>[] targets, double callsPerSecond, long started, TimeSpan duration)
    {
        var histogram = new LatencyHistogram();
        var service = new LatencyHistogram();
        var gate = new Lock();
        var errors = new int[1];
        var intervalTicks = Stopwatch.Frequency / callsPerSecond;
        var durationTicks = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var calls = new List<Task>((int)(callsPerSecond * duration.TotalSeconds) + 16);
        long issued = 0;
        while (true)
        {
            var elapsed = Stopwatch.GetTimestamp() - started;
            var due = (long)(Math.Min(elapsed, durationTicks) / intervalTicks);
            while (issued < due)
            {
                var scheduled = started + (long)(issued * intervalTicks);
                calls.Add(CallAsync(targets[issued % targets.Length], scheduled, histogram, service, gate, errors));
                issued++;
            }

            if (elapsed >= durationTicks)
            {
                break;
            }

            Thread.Sleep(1);
        }

        await Task.WhenAll(calls);
        return new OpenLoopResult(issued, errors[0], histogram, service, TimeSpan.Zero);
    }

    private static async Task CallAsync(Func<Task> call, long scheduled, LatencyHistogram histogram, LatencyHistogram service, Lock gate, int[] errors)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        catch (Exception)
        {
            Interlocked.Increment(ref errors[0]);
        }

        var answered = Stopwatch.GetTimestamp();
        lock (gate)
        {
            histogram.Record(answered - scheduled);
            service.Record(answered - sent);
        }
    }
}

/// <summary>
/// What one open-loop run did: calls started, calls that failed, latencies from each call's due time
/// (<see cref="Latency"/>) and from the moment it was actually sent (<see cref="ServiceTime"/>: without
/// the dispatcher's own lateness, which on a loaded machine is the OS scheduler's).
/// </summary>
internal sealed record OpenLoopResult(long Calls, long Errors, LatencyHistogram Latency, LatencyHistogram ServiceTime, TimeSpan Elapsed)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public OpenLoopResult Plus(OpenLoopResult other)
    {
        var latency = new LatencyHistogram();
        latency.Add(Latency);
        latency.Add(other.Latency);
        var service = new LatencyHistogram();
        service.Add(ServiceTime);
        service.Add(other.ServiceTime);
        return new OpenLoopResult(Calls + other.Calls, Errors + other.Errors, latency, service, Elapsed + other.Elapsed);
    }
}

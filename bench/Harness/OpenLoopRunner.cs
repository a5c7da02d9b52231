using System.Diagnostics;

namespace CardActors.Bench.Harness;

/// <summary>
/// An open-loop (rate-limited) load: calls are started on a fixed schedule, whether or not earlier
/// ones have answered, and each call's latency is counted from the time it was due, not from when
/// it was sent, so a stall shows as latency of every call that should have been sent meanwhile
/// (no coordinated omission). A few dispatchers share the rate; each wakes about every millisecond
/// and starts every call that has come due.
/// </summary>
internal static class OpenLoopRunner
{
    private const int Dispatchers = 4;

    public static async Task<OpenLoopResult> RunAsync(IReadOnlyList<Func<Task>> targets, double callsPerSecond, TimeSpan duration, int yieldEvery)
    {
        var runs = new Task<OpenLoopResult>[Dispatchers];
        var started = Stopwatch.GetTimestamp();
        for (var d = 0; d < Dispatchers; d++)
        {
            var mine = targets.Where((_, i) => i % Dispatchers == d).ToArray();
            if (mine.Length == 0)
            {
                mine = [targets[d % targets.Count]];
            }

            runs[d] = Task.Run(() => DispatchAsync(mine, callsPerSecond / Dispatchers, started, duration, yieldEvery));
        }

        var results = await Task.WhenAll(runs);
        var total = results[0];
        foreach (var result in results.Skip(1))
        {
            total = total.Plus(result);
        }

        return total with { Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    private static async Task<OpenLoopResult> DispatchAsync(Func<Task>[] targets, double callsPerSecond, long started, TimeSpan duration, int yieldEvery)
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
                if (issued % yieldEvery == 0)
                {
                    await Task.Yield();
                }
            }

            if (elapsed >= durationTicks)
            {
                break;
            }

            await Task.Delay(1);
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

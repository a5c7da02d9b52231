namespace CardActors.Bench.Harness;

/// <summary>What one measured run of <see cref="LoadRunner"/> did.</summary>
internal sealed record LoadResult(long Calls, TimeSpan Elapsed, LatencyHistogram Latency, long AllocatedBytes, GcCounts Collections, ProcessUsage Usage = default)
{
    /// <summary>Calls the suite counted as failed (set by the suite; they count as calls).</summary>
    public long Errors { get; init; }

    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public double P50Microseconds => Latency.PercentileMicroseconds(50);

    public double P99Microseconds => Latency.PercentileMicroseconds(99);

    /// <summary>NaN (printed "-") when there were no calls or the allocation counter went backwards, as it did once under server GC.</summary>
    public double AllocatedBytesPerCall => Calls == 0 || AllocatedBytes < 0 ? double.NaN : (double)AllocatedBytes / Calls;

    /// <summary>Process CPU time per call (callers, server and everything else in the process), µs.</summary>
    public double CpuMicrosecondsPerCall => Calls == 0 ? double.NaN : Usage.Cpu.TotalMicroseconds / Calls;

    public double PerCall(long total) => Calls == 0 ? double.NaN : (double)total / Calls;

    /// <summary>Two runs as one: calls, time, bytes and collections added up, latencies merged.</summary>
    public LoadResult Plus(LoadResult other)
    {
        var latency = new LatencyHistogram();
        latency.Add(Latency);
        latency.Add(other.Latency);
        return new LoadResult(
            Calls + other.Calls,
            Elapsed + other.Elapsed,
            latency,
            AllocatedBytes + other.AllocatedBytes,
            new GcCounts(Collections.Gen0 + other.Collections.Gen0, Collections.Gen1 + other.Collections.Gen1, Collections.Gen2 + other.Collections.Gen2),
            Usage + other.Usage);
    }
}

namespace CardActors.Bench.Harness;

/// <summary>How long and how big each measurement is; set from the command line.</summary>
internal sealed record BenchSettings
{
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Measured time of one round; each side of a comparison is measured <see cref="Rounds"/> times, alternating.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    public int Rounds { get; init; } = 3;

    public int Activations { get; init; } = 100_000;

    /// <summary>The cards the history suite makes for its users between its two measurements.</summary>
    public long HistoryCards { get; init; } = 100_000;

    public IReadOnlyList<int> CallerCounts { get; init; } = [1, 8, 64];

    /// <summary>
    /// Every caller awaits <see cref="Task.Yield"/> after this many calls (outside the timed region).
    /// Orleans queues turns on the .NET thread pool with preferLocal: closed loops that never yield
    /// starve other grains and the silo's own timers on 2 cores (docs/benchmarks.md).
    /// </summary>
    public int YieldEvery { get; init; } = 32;
}

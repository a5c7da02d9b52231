namespace CardActors.Bench.Harness;

/// <summary>How long and how big each measurement is; set from the command line.</summary>
internal sealed record BenchSettings
{
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Measured time of one round; each side of a comparison is measured <see cref="Rounds"/> times, alternating.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    public int Rounds { get; init; } = 3;

    public int Activations { get; init; } = 100_000;

    public IReadOnlyList<int> CallerCounts { get; init; } = [1, 8, 64];
}

namespace CardActors.Bench.Harness;

/// <summary>One group of measurements, selected by its name on the command line.</summary>
internal interface ISuite
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchSettings settings, Report report);
}

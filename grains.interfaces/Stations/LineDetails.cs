namespace CardActors.Grains;

/// <summary>A production line: its stations (as each reports itself) and the jobs waiting for a free station.</summary>
/// <param name="QueuedJobs">Jobs of the line's batches that wait for a station of this line.</param>
[GenerateSerializer, Immutable, Alias("CardActors.LineDetails")]
public sealed record LineDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<StationDetails> Stations,
    [property: Id(2)] int QueuedJobs,
    [property: Id(3)] IReadOnlyList<string> OpenBatches);

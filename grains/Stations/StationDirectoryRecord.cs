namespace CardActors.Grains.Stations;

/// <summary>The ids of the registered stations: one short string per station, written when a station is first registered.</summary>
public sealed record StationDirectoryRecord
{
    public IReadOnlyList<string> StationIds { get; init; } = [];
}

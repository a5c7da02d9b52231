using CardActors.Storage.Serialization;

namespace CardActors.Grains.Stations;

/// <summary>The ids of the registered stations: one short string per station, written when a station is first registered.</summary>
[OmitNulls]
public sealed record StationDirectoryRecord
{
    public IReadOnlyList<string> StationIds { get; init; } = [];
}

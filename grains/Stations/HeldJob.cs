using CardActors.Storage.Serialization;

namespace CardActors.Grains.Stations;

/// <summary>The job a station holds, stored so that a station grain activated again (after a crash) still knows it, and its timeout.</summary>
[OmitNulls]
public sealed record HeldJob(string JobId, string CardId, string? BatchId, string CardType, string Application, DateTimeOffset AssignedAt, DateTimeOffset Deadline)
{
    public StationJob ToStationJob() => new(JobId, CardId, BatchId, CardType, AssignedAt);
}

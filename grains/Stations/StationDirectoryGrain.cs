using CardActors.Grains.Internal;
using CardActors.Grains.Persistence;

namespace CardActors.Grains.Stations;

/// <summary>The list of registered stations; their details come from the stations themselves.</summary>
[GrainType("station-directory")]
public sealed class StationDirectoryGrain([PersistentState("station-directory")] IPersistentState<StationDirectoryRecord> state) : Grain, IStationDirectoryGrain, IStationRegistry
{
    private const int Parallelism = 16;

    public async Task AddAsync(string stationId)
    {
        if (!state.State.StationIds.Contains(stationId, StringComparer.Ordinal))
        {
            await state.WriteOrKeepAsync(state.State with { StationIds = [.. state.State.StationIds.Append(stationId).Order(StringComparer.Ordinal)] });
        }
    }

    public async Task<IReadOnlyList<StationDetails>> ListAsync()
    {
        var ids = state.State.StationIds;
        var stations = new StationDetails[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current },
            async (i, _) => stations[i] = await GrainFactory.GetGrain<IStationGrain>(ids[i]).GetAsync());
        return stations;
    }
}

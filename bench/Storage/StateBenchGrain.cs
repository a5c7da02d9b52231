namespace CardActors.Bench.Storage;

/// <summary>Writes its state on every call, through <see cref="IPersistentState{TState}.WriteStateAsync()"/> of the storage named <see cref="StorageName"/>.</summary>
[GrainType("statebench")]
public sealed class StateBenchGrain([PersistentState(StateBenchGrain.StateName, StateBenchGrain.StorageName)] IPersistentState<BenchState> state) : Grain, IStateBenchGrain
{
    public const string StateName = "bench";
    public const string StorageName = "bench";

    public Task Write(int sequence)
    {
        state.State = state.State with { Sequence = sequence };
        return state.WriteStateAsync();
    }
}

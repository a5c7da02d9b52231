using CardActors.Runtime;

namespace CardActors.Bench.Storage;

/// <summary>Writes its state on every call, through <see cref="IPersistentState{TState}.WriteStateAsync"/>.</summary>
[GrainType(GrainType)]
public sealed class StateBenchGrain([PersistentState(StateBenchGrain.StateName)] IPersistentState<BenchState> state) : Grain, IStateBenchGrain
{
    public const string GrainType = "statebench";
    public const string StateName = "bench";

    public Task Write(int sequence)
    {
        state.State = state.State with { Sequence = sequence };
        return state.WriteStateAsync();
    }
}

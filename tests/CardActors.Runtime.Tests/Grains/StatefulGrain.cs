using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed class StatefulGrain([PersistentState("profile")] IPersistentState<StatefulState> state) : Grain, IStatefulGrain
{
    public Task<StatefulState> Get() => Task.FromResult(state.State);

    public async Task Set(string value, ICounterGrain? friend)
    {
        state.State = state.State with { Value = value, Friend = friend, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();
    }

    public Task Clear() => state.ClearStateAsync();

    public Task<string?> ETag() => Task.FromResult(state.ETag);
}

namespace CardActors.Storage.Tests.Grains;

public sealed class StorageTestGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, IStorageTestGrain, IRemindable
{
    public async Task<int> Add(int amount)
    {
        state.State = state.State with { Total = state.State.Total + amount };
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> Get() => Task.FromResult(state.State.Total);

    public Task StartTicking() => this.RegisterOrUpdateReminder("tick", TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1));

    public Task<int> Ticks() => Task.FromResult(state.State.Ticks);

    public Task<int> Ping() => Task.FromResult(state.State.Total);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State = state.State with { Ticks = state.State.Ticks + 1 };
        await state.WriteStateAsync();
    }
}

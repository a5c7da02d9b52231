using System.Text;
using CardActors.Runtime.Hosting;
using CardActors.Runtime.Testing;
using CardActors.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Tests;

/// <summary>
/// What durable storage must give grains, written once and run on every durable provider by
/// <see cref="SqliteDurableStateTests"/> and <see cref="PostgresDurableStateTests"/>.
/// </summary>
internal static class DurableStateScenarios
{
    public static async Task State_survives_a_silo_restart(Action<ISiloBuilder> storage)
    {
        await using var silo = await StartAsync(storage);
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var friend = silo.GrainFactory.GetGrain<ICounterGrain>($"friend-{key}");
        await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Set("before restart", friend);

        await silo.RestartAsync();
        var state = await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Get();

        Assert.Equal("before restart", state.Value);
        Assert.Equal(1, state.Writes);
        Assert.Equal(friend, state.Friend);
        Assert.Equal(1, await state.Friend!.Increment());
    }

    public static async Task A_cleared_state_stays_cleared_after_a_restart(Action<ISiloBuilder> storage)
    {
        await using var silo = await StartAsync(storage);
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        await grain.Set("soon gone", null);
        await grain.Clear();

        await silo.RestartAsync();

        Assert.Equal("", (await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Get()).Value);
    }

    public static async Task A_write_with_a_stale_ETag_is_rejected_and_the_grain_rereads(Action<ISiloBuilder> storage)
    {
        await using var silo = await StartAsync(storage);
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        await grain.Set("mine", null);

        // Someone else (another activation, an operator) writes the record behind the grain's back.
        var store = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var stateKey = new GrainStateKey(grain.GetGrainId(), "profile");
        var stored = await store.ReadAsync(stateKey, CancellationToken.None);
        await store.WriteAsync(stateKey, Encoding.UTF8.GetBytes("""{"value":"theirs","writes":7}"""), 1, stored!.ETag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set("mine again", null));
        await LifecycleTests.WaitUntil(async () => (await grain.Get()).Value == "theirs");

        Assert.Equal(7, (await grain.Get()).Writes);
        Assert.Contains("theirs", Encoding.UTF8.GetString((await store.ReadAsync(stateKey, CancellationToken.None))!.Payload!), StringComparison.Ordinal);
    }

    public static async Task A_reminder_fires_after_a_restart(Action<ISiloBuilder> storage)
    {
        await using var silo = await StartAsync(storage);
        var key = Guid.NewGuid().ToString();
        await silo.GrainFactory.GetGrain<IReminderGrain>(key).Remind(TimeSpan.FromSeconds(1.5), TimeSpan.Zero);

        await silo.StopAsync();
        Assert.False(ReminderGrain.Received.ContainsKey(key), "the reminder fired before the restart");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await silo.RestartAsync();

        await LifecycleTests.WaitUntil(() => ReminderGrain.Received.ContainsKey(key));
        var reminders = silo.Services.GetRequiredService<IReminderTable>();
        await LifecycleTests.WaitUntil(async () => (await reminders.ReadAsync(GrainId.Parse($"reminder/{key}"), CancellationToken.None)).Count == 0);
        Assert.Single(ReminderGrain.Received[key]);
    }

    public static async Task A_periodic_reminder_keeps_firing_until_unregistered(Action<ISiloBuilder> storage)
    {
        await using var silo = await StartAsync(storage);
        var key = Guid.NewGuid().ToString();
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);

        await grain.Remind(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        await LifecycleTests.WaitUntil(() => ReminderGrain.Received.TryGetValue(key, out var ticks) && ticks.Count >= 3);
        await grain.Forget();
        var count = ReminderGrain.Received[key].Count;
        await Task.Delay(600);

        Assert.InRange(ReminderGrain.Received[key].Count, count, count + 1);
    }

    public static async Task A_delivered_periodic_tick_is_not_delivered_again_after_a_restart(Action<ISiloBuilder> storage)
    {
        await using var silo = await StartAsync(storage);
        var key = Guid.NewGuid().ToString();
        await silo.GrainFactory.GetGrain<IReminderGrain>(key).Remind(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        await LifecycleTests.WaitUntil(() => ReminderGrain.Received.ContainsKey(key));

        await silo.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(ReminderGrain.Received[key]);
        var row = Assert.Single(await silo.Services.GetRequiredService<IReminderTable>().ReadAsync(GrainId.Parse($"reminder/{key}"), CancellationToken.None));
        Assert.True(row.DueAt > DateTimeOffset.UtcNow.AddMinutes(59), $"next tick stored as {row.DueAt}");
    }

    private static Task<TestSilo> StartAsync(Action<ISiloBuilder> storage)
        => TestSilo.StartAsync(silo =>
        {
            silo.AddGrains(typeof(StatefulGrain).Assembly);
            storage(silo);
        });
}

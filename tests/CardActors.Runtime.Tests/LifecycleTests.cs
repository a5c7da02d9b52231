using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Idle_activations_are_collected_and_run_OnDeactivateAsync()
    {
        await using var silo = await Silos.StartInMemoryAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(200);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var key = Guid.NewGuid().ToString();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();

        await WaitUntil(() => CounterGrain.Deactivated.GetValueOrDefault(key) == 1);

        Assert.Equal(0, silo.Silo.ActivationCount);
        Assert.Equal(0, await counter.Get());
        Assert.Equal(2, await counter.ActivationNumber());
    }

    [Fact]
    public async Task A_busy_activation_is_not_collected()
    {
        await using var silo = await Silos.StartInMemoryAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(300);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var key = Guid.NewGuid().ToString();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);

        for (var i = 0; i < 10; i++)
        {
            await counter.Increment();
            await Task.Delay(60);
        }

        Assert.Equal(10, await counter.Get());
        Assert.Equal(1, await counter.ActivationNumber());
    }

    [Fact]
    public async Task DeactivateOnIdle_ends_the_activation_and_the_next_call_makes_a_new_one()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(key);
        await probe.Delay(TimeSpan.FromMilliseconds(30));

        await probe.Deactivate();
        await WaitUntil(() => silo.Silo.ActivationCount == 0);

        Assert.Equal(0, await probe.MaxConcurrency());
    }

    [Fact]
    public async Task Calls_that_arrive_during_deactivation_are_served_by_the_next_activation()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();

        silo.Silo.CollectIdleActivations();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(counter.Increment)));

        Assert.Equal(200, results.Length);
        Assert.True(await counter.Get() >= 200 - 1);
    }

    [Fact]
    public async Task A_grain_timer_ticks_as_a_turn_and_stops_with_the_activation()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        await probe.StartTimer(TimeSpan.FromMilliseconds(20));
        await WaitUntil(async () => await probe.TimerTicks() >= 3);
        await probe.Deactivate();
        await WaitUntil(() => silo.Silo.ActivationCount == 0);

        Assert.Equal(0, await probe.TimerTicks());
    }

    [Fact]
    public async Task Grains_keyed_by_guid_and_integer_know_their_keys()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var id = Guid.NewGuid();

        Assert.Equal(GrainId.Create("reentrant", id), silo.GrainFactory.GetGrain<IReentrantGrain>(id).GetGrainId());
        Assert.Equal("probe/k/with/slashes", (await silo.GrainFactory.GetGrain<IProbeGrain>("k/with/slashes").WhoAmI()).ToString());
        Assert.Equal(GrainId.Create("stateful", 42), silo.GrainFactory.GetGrain<IStatefulGrain>(42).GetGrainId());
    }

    internal static async Task WaitUntil(Func<bool> condition) => await WaitUntil(() => Task.FromResult(condition()));

    internal static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}

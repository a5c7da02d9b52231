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
        await WaitUntil(() => silo.Silo.ActivationCount == 0);

        Assert.Equal(0, await counter.Get());
        Assert.Equal(2, await counter.ActivationNumber());
    }

    [Fact]
    public async Task A_busy_activation_is_not_collected()
    {
        await using var silo = await Silos.StartInMemoryAsync(o =>
        {
            o.CollectionAge = TimeSpan.FromSeconds(2);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var key = Guid.NewGuid().ToString();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);

        // 10 × 60 ms spans the 2 s age by a margin a loaded machine keeps; each call renews the lease.
        for (var i = 0; i < 40; i++)
        {
            await counter.Increment();
            await Task.Delay(60);
        }

        Assert.Equal(40, await counter.Get());
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
        await using var silo = await Silos.StartInMemoryAsync(o => o.CollectionAge = TimeSpan.FromMilliseconds(1));
        var key = Guid.NewGuid().ToString();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();
        await Task.Delay(20);

        Assert.Equal(1, silo.Silo.CollectIdleActivations());
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(counter.Increment)));

        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(2, CounterGrain.Constructed[key]);
    }

    [Fact]
    public async Task A_grain_timer_ticks_as_a_turn_and_stops_with_the_activation()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(key);

        await probe.StartTimer(TimeSpan.FromMilliseconds(20));
        await WaitUntil(async () => await probe.TimerTicks() >= 3);
        await probe.Deactivate();
        await WaitUntil(() => silo.Silo.ActivationCount == 0);
        var ticks = ProbeGrain.Ticks[key];
        await Task.Delay(200);

        Assert.Equal(ticks, ProbeGrain.Ticks[key]);
    }

    [Fact]
    public async Task A_tick_waiting_behind_a_busy_turn_does_not_bring_the_grain_back_after_deactivation()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(key);
        await probe.StartTimer(TimeSpan.FromMilliseconds(10));

        var busy = probe.Delay(TimeSpan.FromMilliseconds(300));
        await probe.Peek();
        var deactivate = probe.Deactivate();
        await Task.WhenAll(busy, deactivate);
        await WaitUntil(() => silo.Silo.ActivationCount == 0);
        await Task.Delay(200);

        Assert.Equal(0, silo.Silo.ActivationCount);
        Assert.Equal(1, ProbeGrain.Activations[key]);
    }

    [Fact]
    public async Task A_timer_rescheduled_by_its_own_callback_keeps_the_new_schedule()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();

        await silo.GrainFactory.GetGrain<IProbeGrain>(key).StartSelfReschedulingTimer(TimeSpan.FromMilliseconds(20), TimeSpan.FromMinutes(10));
        await WaitUntil(() => ProbeGrain.Ticks.ContainsKey(key));
        await Task.Delay(300);

        Assert.Equal(1, ProbeGrain.Ticks[key]);
    }

    [Fact]
    public async Task DeactivateOnIdle_takes_effect_under_constant_read_only_load()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(key);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await probe.ReadSlowly(TimeSpan.FromMilliseconds(20));
            }
        })).ToList();
        await WaitUntil(() => ProbeGrain.Activations.ContainsKey(key));

        await probe.Deactivate();
        await WaitUntil(() => ProbeGrain.Activations[key] >= 2);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
    }

    [Fact]
    public async Task A_read_only_call_does_not_overtake_a_waiting_writer()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        var firstRead = probe.ReadSlowly(TimeSpan.FromMilliseconds(300));
        await WaitUntil(async () => await probe.Peek() == 1);
        var writer = probe.Delay(TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        var laterRead = probe.ReadSlowly(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(firstRead, writer, laterRead);

        // The later read waited for the writer, which waited for the first read: no overlap with it.
        Assert.Equal(1, await laterRead);
    }

    [Fact]
    public async Task An_activation_that_outlives_its_timeout_fails_its_callers_then()
    {
        await using var silo = await Silos.StartInMemoryAsync(o =>
        {
            o.ActivationTimeout = TimeSpan.FromMilliseconds(200);
            o.ResponseTimeout = TimeSpan.FromSeconds(20);
        });
        var started = Environment.TickCount64;

        await Assert.ThrowsAsync<TaskCanceledException>(() => silo.GrainFactory.GetGrain<ISlowStartGrain>("slow").Ping());

        Assert.InRange(Environment.TickCount64 - started, 0, 10_000);
        Assert.Equal(0, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task Shutdown_answers_every_caller_and_makes_no_new_activations()
    {
        await using var silo = await Silos.StartInMemoryAsync(o => o.DeactivationTimeout = TimeSpan.FromMilliseconds(300));
        var stuck = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());
        var running = stuck.Delay(TimeSpan.FromSeconds(20));
        await WaitUntil(async () => await stuck.Peek() == 1);
        var queued = stuck.MaxConcurrency();
        var factory = silo.GrainFactory;

        await silo.Silo.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<SiloShuttingDownException>(() => running);
        await Assert.ThrowsAsync<SiloShuttingDownException>(() => queued);
        await Assert.ThrowsAsync<SiloShuttingDownException>(() => factory.GetGrain<ICounterGrain>("after-stop").Increment());
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

using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task Concurrent_first_calls_to_one_key_make_exactly_one_activation()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var key = Guid.NewGuid().ToString();

        var calls = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => silo.GrainFactory.GetGrain<ICounterGrain>(key).ActivationNumber()));
        var numbers = await Task.WhenAll(calls);

        Assert.All(numbers, n => Assert.Equal(1, n));
        Assert.Equal(1, CounterGrain.Constructed[key]);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_increments_without_a_lock_end_at_ten_thousand()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid().ToString());

        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(counter.Increment)));

        Assert.Equal(10_000, await counter.Get());
    }

    [Fact]
    public async Task A_call_cycle_between_non_reentrant_grains_completes()
    {
        await using var silo = await Silos.StartInMemoryAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        var a = silo.GrainFactory.GetGrain<ICycleGrain>("a");
        var b = silo.GrainFactory.GetGrain<ICycleGrain>("b");

        var path = await a.Ping(b, 4);

        Assert.Equal("a>b>a>b>a", path);
    }

    [Fact]
    public async Task Parallel_calls_of_one_grain_to_another_do_not_interleave_there()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var target = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        await silo.GrainFactory.GetGrain<ICycleGrain>(Guid.NewGuid().ToString()).FanOut(target, 4);

        Assert.Equal(1, await target.MaxConcurrency());
    }

    [Fact]
    public async Task Parallel_calls_from_one_client_context_do_not_interleave()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var target = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());
        RequestContext.Set("correlation-id", "one-http-request");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => target.Delay(TimeSpan.FromMilliseconds(30))));

        RequestContext.Remove("correlation-id");
        Assert.Equal(1, await target.MaxConcurrency());
    }

    [Fact]
    public async Task A_non_reentrant_grain_runs_one_request_at_a_time()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => probe.Delay(TimeSpan.FromMilliseconds(20))));

        Assert.Equal(1, await probe.MaxConcurrency());
    }

    [Fact]
    public async Task ReadOnly_requests_interleave_with_each_other()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => probe.ReadSlowly(TimeSpan.FromMilliseconds(200))));

        Assert.True(reads.Max() > 1, $"read-only calls did not overlap: max concurrency {reads.Max()}");
    }

    [Fact]
    public async Task AlwaysInterleave_enters_while_another_request_runs()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        var slow = probe.Delay(TimeSpan.FromMilliseconds(500));
        await Task.Delay(100);
        var inside = await probe.Peek();
        await slow;

        Assert.Equal(1, inside);
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_at_awaits()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var grain = silo.GrainFactory.GetGrain<IReentrantGrain>(Guid.NewGuid());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grain.Work(TimeSpan.FromMilliseconds(100))));

        Assert.True(await grain.MaxConcurrency() > 1);
    }
}

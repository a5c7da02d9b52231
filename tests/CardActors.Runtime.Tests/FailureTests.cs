using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task A_call_that_outlives_the_response_timeout_fails_naming_grain_and_method()
    {
        await using var silo = await Silos.StartInMemoryAsync(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>("slow-one");

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => probe.Delay(TimeSpan.FromSeconds(3)));

        Assert.Contains("probe/slow-one", error.Message, StringComparison.Ordinal);
        Assert.Contains("IProbeGrain.Delay", error.Message, StringComparison.Ordinal);
        Assert.Equal("IProbeGrain.Delay", error.Method);
    }

    [Fact]
    public async Task A_request_waiting_behind_a_stuck_one_times_out_too()
    {
        await using var silo = await Silos.StartInMemoryAsync(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        var stuck = probe.Delay(TimeSpan.FromSeconds(2));
        var waiting = probe.MaxConcurrency();

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => waiting);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => stuck);
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message()
    {
        await using var silo = await Silos.StartInMemoryAsync();
        var probe = silo.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => probe.Throw("amount must be 1-9"));

        Assert.Contains("amount must be 1-9", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await probe.MaxConcurrency() + 1);
    }

    [Fact]
    public async Task A_grain_type_that_no_class_implements_gives_a_clear_error()
    {
        await using var silo = await Silos.StartInMemoryAsync();

        var error = Assert.Throws<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains(nameof(IUnimplementedGrain), error.Message, StringComparison.Ordinal);
    }
}

public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Nothing();
}

using CardActors.Runtime.Testing;
using CardActors.Runtime.Tests.Grains;

namespace CardActors.Runtime.Tests;

/// <summary>A grain tested as a plain object: no silo, no scheduler, no storage.</summary>
public sealed class UnitTestKitTests
{
    [Fact]
    public async Task A_grain_can_be_unit_tested_without_a_silo()
    {
        var state = new TestPersistentState<StatefulState>();
        var grain = new StatefulGrain(state);
        var context = TestGrainContext.Attach(grain, "7");
        await grain.OnActivateAsync(CancellationToken.None);

        await grain.Set("hello", null);

        Assert.Equal(GrainId.Create("stateful", 7), context.GrainId);
        Assert.Equal("hello", state.Stored!.Value);
        Assert.Equal(1, state.WriteCount);
    }

    [Fact]
    public async Task A_stale_write_in_a_unit_test_surfaces_as_in_a_silo()
    {
        var state = new TestPersistentState<StatefulState> { FailNextWriteAsStale = true };
        var grain = new StatefulGrain(state);
        TestGrainContext.Attach(grain, "8");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set("lost", null));
        Assert.Null(state.Stored);
    }

    [Fact]
    public async Task Timers_of_a_unit_tested_grain_fire_when_the_test_says()
    {
        var grain = new ProbeGrain();
        var context = TestGrainContext.Attach(grain, "t");

        await grain.StartTimer(TimeSpan.FromMinutes(5));
        await context.Timers.Single().TickAsync();
        await context.Timers.Single().TickAsync();

        Assert.Equal(2, await grain.TimerTicks());
    }
}

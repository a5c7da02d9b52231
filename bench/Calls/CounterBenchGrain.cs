using Orleans.Placement;

namespace CardActors.Bench.Calls;

/// <summary>
/// The smallest useful grain: a counter. The turn guarantee, not a lock, keeps it right. Placed on
/// the silo of its first caller, so that the cross-silo suite can put targets on a chosen silo.
/// </summary>
[PreferLocalPlacement]
public sealed class CounterBenchGrain(ILocalSiloDetails silo) : Grain, ICounterBenchGrain
{
    private int _count;

    public Task<int> Increment() => Task.FromResult(++_count);

    public Task<string> Where() => Task.FromResult(silo.SiloAddress.ToString());
}

using CardActors.Bench.Calls;
using Orleans.Placement;

namespace CardActors.Bench.CrossSilo;

/// <summary>Placed on the silo of its first caller; forwards each call to one target grain, wherever that lives.</summary>
[PreferLocalPlacement]
public sealed class ForwarderGrain(ILocalSiloDetails silo) : Grain, IForwarderGrain
{
    private ICounterBenchGrain? _target;

    public Task<string> SetTarget(ICounterBenchGrain target)
    {
        _target = target;
        return Task.FromResult(silo.SiloAddress.ToString());
    }

    public Task<int> Forward() => (_target ?? throw new InvalidOperationException("No target set.")).Increment();
}

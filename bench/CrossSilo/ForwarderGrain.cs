using CardActors.Bench.Calls;
using Orleans.Placement;

namespace CardActors.Bench.CrossSilo;

/// <summary>Placed on the silo of its first caller; forwards each call to one target grain, wherever that lives.</summary>
[PreferLocalPlacement]
public sealed class ForwarderGrain(ILocalSiloDetails silo) : Grain, IForwarderGrain
{
    private ICounterBenchGrain? _target;

    public Task<string> SetTarget(long targetKey)
    {
        // Through this silo's own grain factory, so that the call goes wherever the directory says.
        _target = GrainFactory.GetGrain<ICounterBenchGrain>(targetKey);
        return Task.FromResult(silo.SiloAddress.ToString());
    }

    public Task<int> Forward() => (_target ?? throw new InvalidOperationException("No target set.")).Increment();
}

using CardActors.Bench.Calls;

namespace CardActors.Bench.CrossSilo;

/// <summary>A caller grain: each <see cref="Forward"/> makes one grain-to-grain call to its target.</summary>
[Alias("bench.forwarder")]
public interface IForwarderGrain : IGrainWithIntegerKey
{
    [Alias("set-target")]
    Task<string> SetTarget(ICounterBenchGrain target);

    [Alias("forward")]
    Task<int> Forward();
}

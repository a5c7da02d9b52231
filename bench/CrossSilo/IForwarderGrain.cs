namespace CardActors.Bench.CrossSilo;

/// <summary>A caller grain: each <see cref="Forward"/> makes one grain-to-grain call to its target.</summary>
[Alias("bench.forwarder")]
public interface IForwarderGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Takes the target's key, not a reference: a reference made by another silo's grain factory in
    /// this process stays bound to that silo's runtime, and calls through it would never cross TCP.
    /// </summary>
    [Alias("set-target")]
    Task<string> SetTarget(long targetKey);

    [Alias("forward")]
    Task<int> Forward();
}

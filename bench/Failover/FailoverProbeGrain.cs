using Orleans.Placement;

namespace CardActors.Bench.Failover;

/// <summary>Stateless; random placement spreads the probes over both silos.</summary>
[RandomPlacement]
public sealed class FailoverProbeGrain(ILocalSiloDetails silo) : Grain, IFailoverProbeGrain
{
    public Task<string> Where() => Task.FromResult(silo.SiloAddress.ToString());
}

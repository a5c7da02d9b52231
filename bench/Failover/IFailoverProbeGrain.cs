namespace CardActors.Bench.Failover;

[Alias("bench.failover-probe")]
public interface IFailoverProbeGrain : IGrainWithIntegerKey
{
    /// <summary>The silo this activation lives on.</summary>
    [Alias("where")]
    Task<string> Where();
}

namespace CardActors.Cluster.Tests;

/// <summary>
/// The cluster tests run one after the other: each starts several silos (processes) on a 2-core
/// machine, and a cluster starved by another test's cluster would measure the other test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}

namespace CardActors.Grains;

/// <summary>The answer to a heartbeat: how long the station stays online without another, and the job it holds.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.StationHeartbeat")]
public sealed record StationHeartbeat([property: Id(0)] TimeSpan Lease, [property: Id(1)] StationJob? CurrentJob);

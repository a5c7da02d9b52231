namespace CardActors.Api.Hosting;

/// <summary>What <c>--seed-demo</c> made: the domain's demo data, and the demo keys that were new (the others exist already and are not shown again).</summary>
public sealed record DemoSeedReport(DemoSeedResult Domain, IReadOnlyList<DemoKeyCreated> CreatedKeys, IReadOnlyList<string> ExistingKeys);

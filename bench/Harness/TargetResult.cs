namespace CardActors.Bench.Harness;

/// <summary>One target of docs/benchmarks.md, what was measured for it, and whether it was met.</summary>
internal sealed record TargetResult(string Target, string Measured, TargetStatus Status);

namespace CardActors.Bench.Harness;

internal enum TargetStatus
{
    Met,
    Missed,
    Skipped,
}

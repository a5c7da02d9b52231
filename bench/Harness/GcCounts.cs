namespace CardActors.Bench.Harness;

/// <summary>Garbage collections per generation, as counted since the process started or between two snapshots.</summary>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2)
{
    public static GcCounts Now => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static GcCounts operator -(GcCounts after, GcCounts before)
        => new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);

    public override string ToString() => $"{Gen0}/{Gen1}/{Gen2}";
}

namespace CardActors.Bench.Activations;

/// <summary>What making <see cref="Count"/> activations cost: time, bytes still held once they are idle, and bytes allocated on the way.</summary>
internal sealed record ActivationCost(int Count, TimeSpan Elapsed, long RetainedBytes, long AllocatedBytes)
{
    public double MicrosecondsEach => Elapsed.TotalMicroseconds / Count;

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public double RetainedBytesEach => (double)RetainedBytes / Count;

    public double AllocatedBytesEach => (double)AllocatedBytes / Count;
}

using CardActors.Runtime;

namespace CardActors.Bench.Calls;

/// <summary>The smallest useful grain: a counter. The turn guarantee, not a lock, keeps it right.</summary>
public sealed class CounterBenchGrain : Grain, ICounterBenchGrain
{
    private int _count;

    public Task<int> Increment() => Task.FromResult(++_count);
}

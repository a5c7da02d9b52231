using CardActors.Runtime;

namespace CardActors.Bench.Calls;

public interface ICounterBenchGrain : IGrainWithIntegerKey
{
    Task<int> Increment();
}

namespace CardActors.Bench.Calls;

[Alias("bench.counter")]
public interface ICounterBenchGrain : IGrainWithIntegerKey
{
    [Alias("increment")]
    Task<int> Increment();

    /// <summary>The silo this activation lives on, to check where placement put it.</summary>
    [Alias("where")]
    Task<string> Where();
}

namespace CardActors.Bench.Storage;

[Alias("bench.state-writer")]
public interface IStateBenchGrain : IGrainWithIntegerKey
{
    [Alias("write")]
    Task Write(int sequence);
}

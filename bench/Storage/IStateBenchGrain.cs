using CardActors.Runtime;

namespace CardActors.Bench.Storage;

public interface IStateBenchGrain : IGrainWithIntegerKey
{
    Task Write(int sequence);
}

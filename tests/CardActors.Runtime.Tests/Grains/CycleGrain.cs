using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<string> Ping(ICycleGrain other, int depth)
    {
        if (depth == 0)
        {
            return GrainId.Key;
        }

        var self = GrainFactory.GetGrain<ICycleGrain>(GrainId.Key);
        return GrainId.Key + ">" + await other.Ping(self, depth - 1);
    }

    public Task FanOut(IProbeGrain target, int calls)
        => Task.WhenAll(Enumerable.Range(0, calls).Select(_ => target.Delay(TimeSpan.FromMilliseconds(30))));
}

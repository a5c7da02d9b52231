using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantGrain : Grain, IReentrantGrain
{
    private int _inside;
    private int _maxInside;

    public async Task<int> Work(TimeSpan delay)
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        await Task.Delay(delay);
        _inside--;
        return _maxInside;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);
}

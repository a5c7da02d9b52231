using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed class ProbeGrain : Grain, IProbeGrain
{
    private int _inside;
    private int _maxInside;
    private int _ticks;
    private IGrainTimer? _timer;

    public async Task Delay(TimeSpan delay)
    {
        Enter();
        await Task.Delay(delay);
        _inside--;
    }

    public Task Throw(string message) => throw new ArgumentOutOfRangeException(nameof(message), message);

    public async Task<int> ReadSlowly(TimeSpan delay)
    {
        Enter();
        await Task.Delay(delay);
        _inside--;
        return _maxInside;
    }

    public Task<int> Peek() => Task.FromResult(_inside);

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<int> StartTimer(TimeSpan period)
    {
        _timer ??= RegisterGrainTimer(_ =>
        {
            _ticks++;
            return Task.CompletedTask;
        }, period, period);
        return Task.FromResult(_ticks);
    }

    public Task<int> TimerTicks() => Task.FromResult(_ticks);

    public Task<GrainId> WhoAmI() => Task.FromResult(GrainId);

    private void Enter()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
    }
}

using System.Collections.Concurrent;
using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

public sealed class ProbeGrain : Grain, IProbeGrain
{
    /// <summary>Timer ticks per key, across activations: a tick of a dead activation shows here.</summary>
    public static readonly ConcurrentDictionary<string, int> Ticks = new();
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    private int _inside;
    private int _maxInside;
    private int _ticks;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(GrainId.Key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

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
            Ticks.AddOrUpdate(GrainId.Key, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }, period, period);
        return Task.FromResult(_ticks);
    }

    public Task<int> TimerTicks() => Task.FromResult(_ticks);

    public Task<GrainId> WhoAmI() => Task.FromResult(GrainId);

    public Task StartSelfReschedulingTimer(TimeSpan period, TimeSpan later)
    {
        IGrainTimer? timer = null;
        timer = RegisterGrainTimer(_ =>
        {
            Ticks.AddOrUpdate(GrainId.Key, 1, (_, n) => n + 1);
            timer!.Change(later, later);
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    private void Enter()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
    }
}

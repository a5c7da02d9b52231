using System.Collections.Concurrent;
using CardActors.Runtime;

namespace CardActors.Runtime.Tests.Grains;

/// <summary>No lock anywhere: the turn guarantee is what keeps <c>_count</c> right.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    public static readonly ConcurrentDictionary<string, int> Constructed = new();
    public static readonly ConcurrentDictionary<string, int> Deactivated = new();

    private int _count;
    private int _activationNumber;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = Constructed.AddOrUpdate(GrainId.Key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivated.AddOrUpdate(GrainId.Key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        var read = _count;
        await Task.Yield();
        _count = read + 1;
        return _count;
    }

    public Task<int> Get() => Task.FromResult(_count);

    public Task<int> ActivationNumber() => Task.FromResult(_activationNumber);
}

using System.Collections.Concurrent;
using CardActors.Grains.Outbox;

namespace CardActors.Grains.Tests;

/// <summary>Throws once after the state write of each grain armed with <see cref="CrashAfterStateWrite"/>, as a crash there would leave things.</summary>
public sealed class InjectableFaults : IDomainFaultInjector
{
    private readonly ConcurrentDictionary<string, bool> _armed = new();

    public void CrashAfterStateWrite(string grainKey) => _armed[grainKey] = true;

    public bool CrashesAfterStateWrite(GrainId grainId) => _armed.ContainsKey(grainId.Key.ToString());

    public void AfterStateWrite(GrainId grainId)
    {
        if (_armed.TryRemove(grainId.Key.ToString(), out _))
        {
            throw new InjectedCrashException($"Injected crash after the state write of {grainId}.");
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using CardActors.Bench.Calls;

namespace CardActors.Bench.Activations;

/// <summary>The baseline of an activation: a counter object per key, made on first use, in a concurrent dictionary keyed by the key's string.</summary>
internal sealed class PlainDirectory
{
    private readonly ConcurrentDictionary<string, LockedCounter> _counters = new();

    public int Count => _counters.Count;

    public Task<int> IncrementAsync(long key)
        => _counters.GetOrAdd(key.ToString(CultureInfo.InvariantCulture), static _ => new LockedCounter()).IncrementAsync();
}

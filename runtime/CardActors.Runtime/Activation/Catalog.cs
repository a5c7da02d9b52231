using System.Collections.Concurrent;

namespace CardActors.Runtime;

/// <summary>
/// The activations of this silo, one per grain id. Creating an <see cref="Activation"/> object
/// has no side effects, so when many first calls race, <c>GetOrAdd</c> may build several but
/// only the one that lands in the dictionary ever receives a request and activates.
/// </summary>
internal sealed class Catalog(GrainTypeRegistry registry, SiloRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    private volatile bool _closed;

    // Enumerating the dictionary itself takes no locks, unlike its Values snapshot.
    public IEnumerable<Activation> Activations => _activations.Select(static entry => entry.Value);

    public Activation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            return activation;
        }

        if (_closed)
        {
            throw new SiloShuttingDownException(grainId);
        }

        var grainClass = registry.Find(grainId.Type)
            ?? throw new InvalidOperationException($"Grain type '{grainId.Type}' of grain {grainId} is not registered in this silo.");
        return _activations.GetOrAdd(grainId, static (id, state) => new Activation(id, state.grainClass, state.runtime), (grainClass, runtime));
    }

    /// <summary>From now on no new activation is made: the silo is shutting down.</summary>
    public void Close() => _closed = true;

    public void Remove(Activation activation)
        => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
}

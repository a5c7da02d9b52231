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

    public ICollection<Activation> Activations => _activations.Values;

    public Activation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            return activation;
        }

        var grainClass = registry.Find(grainId.Type)
            ?? throw new InvalidOperationException($"Grain type '{grainId.Type}' of grain {grainId} is not registered in this silo.");
        return _activations.GetOrAdd(grainId, static (id, state) => new Activation(id, state.grainClass, state.runtime), (grainClass, runtime));
    }

    public void Remove(Activation activation)
        => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
}

using System.Reflection;

namespace CardActors.Runtime;

/// <summary>The grain classes of a silo, by grain type name and by the grain interfaces they implement.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClass> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClass>> _byInterface = [];

    public GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var type in grainClasses.Distinct())
        {
            var grainClass = new GrainClass(type);
            if (!_byName.TryAdd(grainClass.Name, grainClass))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byName[grainClass.Name].Type.FullName} and {type.FullName} share the grain type name '{grainClass.Name}': give one a [GrainType].");
            }

            foreach (var grainInterface in grainClass.Interfaces)
            {
                GrainInterface.Of(grainInterface);
                if (!_byInterface.TryGetValue(grainInterface, out var classes))
                {
                    _byInterface[grainInterface] = classes = [];
                }

                classes.Add(grainClass);
            }
        }
    }

    public IEnumerable<GrainClass> Classes => _byName.Values;

    /// <summary>The concrete grain classes in an assembly.</summary>
    public static IEnumerable<Type> FindGrainClasses(Assembly assembly)
        => assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(Grain).IsAssignableFrom(t));

    public GrainClass? Find(string grainType) => _byName.GetValueOrDefault(grainType);

    /// <summary>The grain type that implements <paramref name="grainInterface"/>; it must be exactly one.</summary>
    public string ResolveGrainType(Type grainInterface)
    {
        if (!_byInterface.TryGetValue(grainInterface, out var classes))
        {
            throw new InvalidOperationException($"No grain class implements {grainInterface.FullName}: add its assembly to the silo with AddGrains.");
        }

        if (classes.Count > 1)
        {
            throw new InvalidOperationException(
                $"{grainInterface.FullName} is implemented by {string.Join(" and ", classes.Select(c => c.Type.Name))}: ask for a more specific interface.");
        }

        return classes[0].Name;
    }
}

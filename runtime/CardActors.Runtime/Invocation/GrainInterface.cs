using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;

namespace CardActors.Runtime;

/// <summary>
/// A grain interface and all its methods (including inherited interfaces), resolved once per
/// process. Method names must be unique within a grain interface: a request names its method by
/// name, as it would on the wire.
/// </summary>
public sealed class GrainInterface
{
    private static readonly ConcurrentDictionary<Type, GrainInterface> s_cache = new();
    private static readonly ConcurrentDictionary<string, GrainInterface> s_byName = new();
    private readonly FrozenDictionary<MethodInfo, GrainMethod> _byMethodInfo;
    private readonly FrozenDictionary<string, GrainMethod> _byName;

    private GrainInterface(Type type)
    {
        if (!type.IsInterface || !typeof(IGrain).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.FullName} is not a grain interface (an interface deriving from IGrain).", nameof(type));
        }

        if (!type.IsPublic && !type.IsNestedPublic)
        {
            throw new ArgumentException($"Grain interface {type.FullName} must be public.", nameof(type));
        }

        Type = type;
        var methods = new[] { type }.Concat(type.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .Select(GrainMethod.Create)
            .ToList();
        var duplicate = methods.GroupBy(m => (m.InterfaceName, m.Name)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Grain interface {duplicate.Key.InterfaceName} overloads {duplicate.Key.Name}: grain method names must be unique.", nameof(type));
        }

        Methods = methods;
        _byMethodInfo = methods.ToFrozenDictionary(m => m.MethodInfo);
        _byName = methods.ToFrozenDictionary(m => $"{m.InterfaceName}.{m.Name}");
    }

    public Type Type { get; }

    public IReadOnlyList<GrainMethod> Methods { get; }

    public static GrainInterface Of(Type type) => s_cache.GetOrAdd(type, static t =>
    {
        var grainInterface = new GrainInterface(t);
        foreach (var inherited in t.GetInterfaces().Where(i => i.GetMethods().Length > 0))
        {
            Of(inherited);
        }

        s_byName.TryAdd(t.FullName!, grainInterface);
        return grainInterface;
    });

    /// <summary>Finds a method by interface and method name, as named in a serialized request.</summary>
    public static GrainMethod? FindMethod(string interfaceName, string methodName)
        => s_byName.TryGetValue(interfaceName, out var grainInterface)
           && grainInterface._byName.TryGetValue($"{interfaceName}.{methodName}", out var method) ? method : null;

    internal GrainMethod GetMethod(MethodInfo methodInfo) => _byMethodInfo[methodInfo];
}

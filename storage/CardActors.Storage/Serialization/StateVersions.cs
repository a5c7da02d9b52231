using System.Collections.Concurrent;
using System.Reflection;

namespace CardActors.Storage.Serialization;

/// <summary>The current schema version of each state type, from its <see cref="StateVersionAttribute"/>.</summary>
public static class StateVersions
{
    private static readonly ConcurrentDictionary<Type, int> s_versions = new();

    public static int Of(Type stateType)
        => s_versions.GetOrAdd(stateType, Read);

    private static int Read(Type stateType) => stateType.GetCustomAttribute<StateVersionAttribute>(inherit: false)?.Version ?? 1;

    public static int Of<TState>() => Cache<TState>.Version;

    // A static generic field makes the lookup on every read and write a plain field load.
    private static class Cache<TState>
    {
        public static readonly int Version = s_versions.GetOrAdd(typeof(TState), Read);
    }
}

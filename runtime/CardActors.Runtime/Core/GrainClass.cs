using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime;

/// <summary>
/// A grain class known to the silo: its stable type name, its scheduling flags and how to
/// construct it. Constructor parameters marked <see cref="PersistentStateAttribute"/> get their
/// state; <see cref="IGrainContext"/> and <see cref="IGrainFactory"/> come from the activation;
/// everything else comes from dependency injection.
/// </summary>
public sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, Activation, object?>[] _parameterFactories;
    private int _activationCount;

    internal GrainClass(Type type)
    {
        if (type.IsAbstract || !typeof(Grain).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.FullName} is not a concrete grain class (a class deriving from Grain).", nameof(type));
        }

        Type = type;
        Name = NameOf(type);
        IsReentrant = type.IsDefined(typeof(ReentrantAttribute), inherit: true);
        Interfaces = [.. type.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i.Assembly != typeof(IGrain).Assembly)];
        _constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"Grain class {type.FullName} has no public constructor.", nameof(type));
        _parameterFactories = [.. _constructor.GetParameters().Select(ParameterFactory)];
    }

    public Type Type { get; }

    /// <summary>The stable name used in grain ids and storage keys.</summary>
    public string Name { get; }

    public bool IsReentrant { get; }

    /// <summary>The grain interfaces the class implements (the runtime's own excluded).</summary>
    public IReadOnlyList<Type> Interfaces { get; }

    public int ActivationCount => Volatile.Read(ref _activationCount);

    internal void OnActivationCreated() => Interlocked.Increment(ref _activationCount);

    internal void OnActivationDestroyed() => Interlocked.Decrement(ref _activationCount);

    public static string NameOf(Type type)
    {
        if (type.GetCustomAttribute<GrainTypeAttribute>(inherit: false) is { } attribute)
        {
            return attribute.Name;
        }

        var name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }

    internal object CreateInstance(IServiceProvider services, Activation activation)
    {
        var arguments = new object?[_parameterFactories.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _parameterFactories[i](services, activation);
        }

        return _constructor.Invoke(arguments);
    }

    private Func<IServiceProvider, Activation, object?> ParameterFactory(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } state)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new ArgumentException($"{Type.Name}: parameter '{parameter.Name}' has [PersistentState] but is not an IPersistentState<T>.");
            }

            var stateType = type.GetGenericArguments()[0];
            var storageName = state.StorageName ?? GrainStorageNames.Default;
            var factory = typeof(PersistentState<>).MakeGenericType(stateType)
                .GetMethod(nameof(PersistentState<object>.Create), BindingFlags.Static | BindingFlags.NonPublic)!
                .CreateDelegate<Func<Activation, string, IGrainStorage, GrainStateSerializer, object>>();
            return (services, activation) =>
            {
                var storage = services.GetKeyedService<IGrainStorage>(storageName)
                    ?? throw new InvalidOperationException($"Grain {Name} needs the grain storage '{storageName}', which is not registered.");
                return factory(activation, state.StateName, storage, services.GetRequiredService<GrainStateSerializer>());
            };
        }

        if (type == typeof(IGrainContext))
        {
            return static (_, activation) => activation;
        }

        if (type == typeof(IGrainFactory))
        {
            return static (services, _) => services.GetRequiredService<IGrainFactory>();
        }

        return (services, _) => services.GetService(type)
            ?? throw new InvalidOperationException($"Grain {Name} needs a {type.Name} for parameter '{parameter.Name}', which is not registered.");
    }
}

using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.Runtime;

/// <summary>
/// Turns grain state into UTF-8 JSON and back. Types from the <see cref="JsonSerializerContext"/>s
/// registered in <see cref="GrainSerializationOptions"/> use their source-generated metadata;
/// others fall back to reflection. Grain references are written as their grain id. A record
/// stored under an older <see cref="StateVersionAttribute"/> is upgraded by the registered
/// <see cref="IStateMigration"/>s before it is read.
/// </summary>
public sealed class GrainStateSerializer
{
    private static readonly ConcurrentDictionary<Type, int> s_versions = new();
    private readonly Dictionary<(Type, int), IStateMigration> _migrations;

    public GrainStateSerializer(GrainSerializationOptions options, IGrainFactory grainFactory, IEnumerable<IStateMigration> migrations)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. options.TypeInfoResolvers, new DefaultJsonTypeInfoResolver()]),
        };
        Options.Converters.Add(new GrainReferenceJsonConverterFactory(grainFactory));
        foreach (var converter in options.Converters)
        {
            Options.Converters.Add(converter);
        }

        Options.MakeReadOnly();
        _migrations = migrations.ToDictionary(m => (m.StateType, m.FromVersion));
    }

    public JsonSerializerOptions Options { get; }

    public static int VersionOf<TState>() => s_versions.GetOrAdd(typeof(TState), static t => t.GetCustomAttribute<StateVersionAttribute>()?.Version ?? 1);

    public byte[] Serialize<TState>(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public TState Deserialize<TState>(ReadOnlyMemory<byte> payload, int storedVersion)
    {
        var current = VersionOf<TState>();
        if (storedVersion == current)
        {
            return JsonSerializer.Deserialize<TState>(payload.Span, Options)!;
        }

        if (storedVersion > current)
        {
            throw new InvalidOperationException($"Stored {typeof(TState).Name} has version {storedVersion}, newer than this code's {current}: upgrade the silo.");
        }

        var node = JsonNode.Parse(payload.Span) ?? throw new JsonException($"Stored {typeof(TState).Name} is null.");
        for (var version = storedVersion; version < current; version++)
        {
            if (!_migrations.TryGetValue((typeof(TState), version), out var migration))
            {
                throw new InvalidOperationException($"No migration of {typeof(TState).Name} from version {version} to {version + 1} is registered.");
            }

            node = migration.Migrate(node);
        }

        return node.Deserialize<TState>(Options)!;
    }
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CardActors.Storage.Serialization;

/// <summary>
/// Grain state as System.Text.Json (web defaults) with a schema version, for every storage
/// provider, Orleans' ADO.NET one included.
/// <para>
/// Design: providers store only the serializer's bytes, so the version travels inside them, in an
/// envelope <c>{"v":2,"state":{...}}</c>. No .NET type name is ever written: the type to read is
/// the one the grain asks for, so renaming or moving a state type keeps old rows readable. When a
/// row's version is older than the type's <see cref="StateVersionAttribute"/>, the registered
/// <see cref="IStateMigration"/>s upgrade the state's JSON step by step, and the next write stores
/// it under the new version. A row newer than the code fails to read rather than lose fields a
/// newer silo wrote. Grain references are written as their grain id.
/// </para>
/// </summary>
public sealed class JsonGrainStorageSerializer : IGrainStorageSerializer
{
    private readonly Dictionary<(Type, int), IStateMigration> _migrations = [];

    // A row is never embedded in HTML: the default encoder's escapes would only cost bytes (6 for
    // each + of a base64 ciphertext, for each quote in a string, for each non-ASCII letter). The
    // writer's options, not the serializer's, decide how a row is escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Built by the container: options, the migrations registered as services, and the services that resolve grain references.</summary>
    public JsonGrainStorageSerializer(IOptions<JsonGrainStorageSerializerOptions> options, IEnumerable<IStateMigration> migrations, IServiceProvider services)
        : this(options.Value, migrations, services)
    {
    }

    /// <summary>Without a container: grain references in state then fail to serialize.</summary>
    public JsonGrainStorageSerializer(JsonGrainStorageSerializerOptions options, IEnumerable<IStateMigration>? migrations = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = WriterOptions.Encoder,
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. options.TypeInfoResolvers, new DefaultJsonTypeInfoResolver { Modifiers = { new OmitNullsModifier(options.OmitNullsOf).Apply } }]),
        };
        if (services is not null)
        {
            JsonOptions.Converters.Add(new GrainReferenceJsonConverterFactory(services));
        }

        foreach (var converter in options.Converters)
        {
            JsonOptions.Converters.Add(converter);
        }

        JsonOptions.MakeReadOnly();
        foreach (var migration in options.Migrations.Concat(migrations ?? []))
        {
            if (!_migrations.TryAdd((migration.StateType, migration.FromVersion), migration))
            {
                throw new ArgumentException($"Two migrations of {migration.StateType.Name} from version {migration.FromVersion} are registered.", nameof(migrations));
            }
        }
    }

    /// <summary>The options state is written with; handy for tests and tools that read rows directly.</summary>
    public JsonSerializerOptions JsonOptions { get; }

    public BinaryData Serialize<T>(T? input)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber(StateEnvelope.VersionProperty, StateVersions.Of<T>());
            writer.WritePropertyName(StateEnvelope.StateProperty);
            JsonSerializer.Serialize(writer, input, JsonOptions);
            writer.WriteEndObject();
        }

        return new BinaryData(buffer.WrittenMemory);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var json = input.ToMemory();
        var current = StateVersions.Of<T>();
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw NotAnEnvelope<T>();
        }

        int? version = null;
        ReadOnlyMemory<byte>? stateJson = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(StateEnvelope.VersionProperty.EncodedUtf8Bytes))
            {
                reader.Read();
                version = reader.GetInt32();
            }
            else if (reader.ValueTextEquals(StateEnvelope.StateProperty.EncodedUtf8Bytes))
            {
                reader.Read();
                if (version == current)
                {
                    // The common case, and the order we write: no second pass over the state.
                    return JsonSerializer.Deserialize<T>(ref reader, JsonOptions);
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                stateJson = json[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (version is not { } stored || stateJson is not { } state)
        {
            throw NotAnEnvelope<T>();
        }

        if (stored == current)
        {
            return JsonSerializer.Deserialize<T>(state.Span, JsonOptions);
        }

        if (stored > current)
        {
            throw new JsonException($"The stored {typeof(T).Name} has version {stored}, newer than this code's {current}: a newer silo wrote it.");
        }

        var node = JsonNode.Parse(state.Span);
        for (var from = stored; from < current; from++)
        {
            if (!_migrations.TryGetValue((typeof(T), from), out var migration))
            {
                throw new JsonException($"The stored {typeof(T).Name} has version {stored}, but no migration from version {from} to {from + 1} is registered.");
            }

            node = migration.Migrate(node);
        }

        return node is null ? default : node.Deserialize<T>(JsonOptions);
    }

    private static JsonException NotAnEnvelope<T>()
        => new($"The stored {typeof(T).Name} is not a versioned state ({{\"v\":n,\"state\":...}}).");
}

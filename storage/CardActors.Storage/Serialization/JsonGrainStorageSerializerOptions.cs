using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.Storage.Serialization;

/// <summary>How <see cref="JsonGrainStorageSerializer"/> writes grain state.</summary>
public sealed class JsonGrainStorageSerializerOptions
{
    /// <summary>
    /// Source-generated contexts of the state types, tried in order before reflection. Optional:
    /// they only save the reflection warm-up.
    /// </summary>
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];

    /// <summary>Converters added after ours (grain references); they win over the defaults.</summary>
    public IList<JsonConverter> Converters { get; } = [];

    /// <summary>
    /// Types written as if they carried <see cref="OmitNullsAttribute"/>: stored types of assemblies
    /// that do not reference this one (the grains' wire contracts).
    /// </summary>
    public ISet<Type> OmitNullsOf { get; } = new HashSet<Type>();

    /// <summary>Migrations besides the <see cref="IStateMigration"/>s registered as services.</summary>
    public IList<IStateMigration> Migrations { get; } = [];

    /// <summary>Registers a migration of <typeparamref name="TState"/> from <paramref name="fromVersion"/> to the next version.</summary>
    public JsonGrainStorageSerializerOptions AddMigration<TState>(int fromVersion, Func<System.Text.Json.Nodes.JsonNode?, System.Text.Json.Nodes.JsonNode?> migrate)
    {
        Migrations.Add(new StateMigration<TState>(fromVersion, migrate));
        return this;
    }
}

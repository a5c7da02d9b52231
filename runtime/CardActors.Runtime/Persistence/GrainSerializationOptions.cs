using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CardActors.Runtime;

/// <summary>How grain state is serialized: add the grains' source-generated JSON contexts here.</summary>
public sealed class GrainSerializationOptions
{
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];

    public IList<JsonConverter> Converters { get; } = [];
}

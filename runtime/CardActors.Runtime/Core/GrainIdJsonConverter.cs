using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardActors.Runtime;

internal sealed class GrainIdJsonConverter : JsonConverter<GrainId>
{
    public override GrainId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => GrainId.Parse(reader.GetString() ?? throw new JsonException("A grain id cannot be null."));

    public override void Write(Utf8JsonWriter writer, GrainId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());
}

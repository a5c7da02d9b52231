using System.Text.Json;
using System.Text.Json.Serialization;

namespace CardActors.Runtime;

/// <summary>Writes a grain reference as its grain id and reads it back as a working reference.</summary>
internal sealed class GrainReferenceJsonConverterFactory(IGrainFactory grainFactory) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), grainFactory)!;

    private sealed class Converter<TGrain>(IGrainFactory grainFactory) : JsonConverter<TGrain> where TGrain : class, IGrain
    {
        public override TGrain? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.Null ? null : (TGrain)grainFactory.GetGrain(typeof(TGrain), GrainId.Parse(reader.GetString()!));

        public override void Write(Utf8JsonWriter writer, TGrain value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.GetGrainId().ToString());
    }
}

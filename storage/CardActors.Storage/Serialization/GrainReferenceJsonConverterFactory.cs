using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Storage.Serialization;

/// <summary>
/// Writes a grain reference held in state as its grain id string ("type/key") and reads it back
/// as a reference of the declared interface. Orleans' own System.Text.Json converter writes
/// [grainId, interfaceType]; the interface is already known from the property's type, and a
/// plain string keeps the stored JSON readable and stable when interfaces are renamed.
/// The grain factory is resolved on first use: the serializer is built before the silo's
/// runtime, and resolving it eagerly would make the container build them in the wrong order.
/// </summary>
internal sealed class GrainReferenceJsonConverterFactory(IServiceProvider services) : JsonConverterFactory
{
    private IGrainFactory? _grainFactory;

    private IGrainFactory GrainFactory => _grainFactory ??= services.GetRequiredService<IGrainFactory>();

    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsInterface && typeof(IAddressable).IsAssignableFrom(typeToConvert) && typeToConvert != typeof(IAddressable);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), this)!;

    private sealed class Converter<TGrain>(GrainReferenceJsonConverterFactory factory) : JsonConverter<TGrain>
        where TGrain : class, IAddressable
    {
        public override TGrain? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A {typeof(TGrain).Name} is stored as a grain id string, not {reader.TokenType}.");
            }

            return factory.GrainFactory.GetGrain<TGrain>(GrainId.Parse(reader.GetString()!));
        }

        public override void Write(Utf8JsonWriter writer, TGrain value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.GetGrainId().ToString());
    }
}

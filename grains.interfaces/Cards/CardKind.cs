using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>Permanent (personal) cards and temporary (pool) cards follow different state machines.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CardKind>))]
[GenerateSerializer, Alias("CardActors.CardKind")]
public enum CardKind
{
    Permanent,
    Temporary,
}

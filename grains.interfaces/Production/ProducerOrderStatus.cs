using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>The statuses an external producer reports for an order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProducerOrderStatus>))]
[GenerateSerializer, Alias("CardActors.ProducerOrderStatus")]
public enum ProducerOrderStatus
{
    InProduction,
    Produced,
    Failed,
}

using System.Text.Json.Serialization;

namespace CardActors.Grains;

/// <summary>The statuses an external producer reports for an order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProducerOrderStatus>))]
public enum ProducerOrderStatus
{
    InProduction,
    Produced,
    Failed,
}

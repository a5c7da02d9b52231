using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<ProducerStatusOutcome>))]
[GenerateSerializer, Alias("CardActors.ProducerStatusOutcome")]
public enum ProducerStatusOutcome
{
    /// <summary>The card took the reported state.</summary>
    Applied,

    /// <summary>This event id was applied before; nothing changed.</summary>
    Duplicate,

    /// <summary>Stale or out of order (e.g. "in production" after "produced"); nothing changed. Answer 2xx so the producer stops retrying.</summary>
    Ignored,
}

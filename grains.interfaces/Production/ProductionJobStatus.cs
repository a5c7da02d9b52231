using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<ProductionJobStatus>))]
[GenerateSerializer, Alias("CardActors.ProductionJobStatus")]
public enum ProductionJobStatus
{
    /// <summary>Waiting for a station.</summary>
    Pending,

    /// <summary>A station took it and holds its secrets.</summary>
    Claimed,

    Done,

    /// <summary>Nothing of the job counts: the physical card is discarded; repeat production makes a new job.</summary>
    Failed,

    /// <summary>Replaced by a newer job of the same card, or its use case was withdrawn.</summary>
    Cancelled,
}

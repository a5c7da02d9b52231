using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<BatchOrderStatus>))]
[GenerateSerializer, Alias("CardActors.BatchOrderStatus")]
public enum BatchOrderStatus
{
    /// <summary>Jobs may still be open or failed; Repeat production is possible.</summary>
    Open,

    /// <summary>Complete order was confirmed; final.</summary>
    Completed,
}

using System.Text.Json.Serialization;

namespace CardActors.Grains;

[JsonConverter(typeof(JsonStringEnumConverter<BatchItemStatus>))]
[GenerateSerializer, Alias("CardActors.BatchItemStatus")]
public enum BatchItemStatus
{
    /// <summary>Its job is pending or claimed.</summary>
    Pending,

    /// <summary>Its job is done, or (request / order batches) the card took its state.</summary>
    Done,

    /// <summary>Its job failed (or its card was voided as misprinted); Repeat production makes a new job with a fresh physical card.</summary>
    Failed,

    /// <summary>The item's use case was refused (see <see cref="BatchItem.ErrorCode"/>); nothing was made for it.</summary>
    Rejected,
}

using System.Text.Json.Serialization;

namespace CardActors.Api.Idempotency;

[JsonConverter(typeof(JsonStringEnumConverter<IdempotencyClaimOutcome>))]
[GenerateSerializer, Alias("CardActors.IdempotencyClaimOutcome")]
public enum IdempotencyClaimOutcome
{
    /// <summary>The caller holds the key now: run the request, then complete or release.</summary>
    Started,

    /// <summary>Another request with the key is running.</summary>
    InProgress,

    /// <summary>A request with the key succeeded: replay its response.</summary>
    Completed,

    /// <summary>The key was used with a different request (method, path, query or body).</summary>
    Mismatch,
}

using System.Text.Json.Serialization;

namespace CardActors.Api.Idempotency;

[JsonConverter(typeof(JsonStringEnumConverter<IdempotencyStatus>))]
public enum IdempotencyStatus
{
    /// <summary>No request holds the key, or its last one did not succeed: the next one runs.</summary>
    Free,

    /// <summary>A request runs under the key now.</summary>
    InProgress,

    /// <summary>A request succeeded under the key; its response is replayed.</summary>
    Completed,
}

using CardActors.Storage.Serialization;

namespace CardActors.Api.Idempotency;

/// <summary>The response a request with an idempotency key gave, replayed to every retry with the key.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.StoredResponse"), OmitNulls]
public sealed record StoredResponse([property: Id(0)] int StatusCode, [property: Id(1)] string? ContentType, [property: Id(2)] string? Location, [property: Id(3)] string Body);

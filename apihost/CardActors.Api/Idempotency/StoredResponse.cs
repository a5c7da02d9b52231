namespace CardActors.Api.Idempotency;

/// <summary>The response a request with an idempotency key gave, replayed to every retry with the key.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, string Body);

namespace CardActors.Api.Idempotency;

/// <summary>Endpoint metadata: the endpoint honours the <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentEndpoint
{
    public static IdempotentEndpoint Instance { get; } = new();
}

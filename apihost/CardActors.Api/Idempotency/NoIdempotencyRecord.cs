namespace CardActors.Api.Idempotency;

/// <summary>
/// Endpoint metadata: the endpoint's responses are never kept by the idempotency middleware, which
/// lets its requests through as if they had no <c>Idempotency-Key</c>. For responses that carry
/// secrets (a stored copy would put them in the database in clear), and for endpoints that must not
/// write anything before they have authenticated their caller themselves.
/// </summary>
public sealed class NoIdempotencyRecord
{
    public static NoIdempotencyRecord Instance { get; } = new();
}

namespace CardActors.Api.Idempotency;

/// <summary>
/// The process that runs a request holding an idempotency key: the host it serves (machine and
/// listening addresses, which no two live processes share) and this run of it. A key held by an
/// earlier run of the same host belongs to a request that died with that run, so a retry takes it
/// over at once instead of waiting out the lease.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.IdempotencyHolder")]
public sealed record IdempotencyHolder([property: Id(0)] string Host, [property: Id(1)] Guid Run);

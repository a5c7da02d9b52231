namespace CardActors.Api.Idempotency;

/// <summary>
/// The process that runs a request holding an idempotency key: the host it serves (machine and
/// listening addresses, which no two live processes share), this run of it, and how long each of
/// its heartbeats (<see cref="IIdempotencyRunGrain"/>) vouches for it. A key held by an earlier run
/// of the same host belongs to a request that died with that run, so a retry takes it over at once;
/// a key held by a run that stopped beating (on this host or any other) is taken over once its
/// last beat ran out, instead of waiting out the lease.
/// </summary>
/// <param name="AliveFor">Zero for holders stored before runs beat: only their lease tells.</param>
[GenerateSerializer, Immutable, Alias("CardActors.IdempotencyHolder")]
public sealed record IdempotencyHolder([property: Id(0)] string Host, [property: Id(1)] Guid Run, [property: Id(2)] TimeSpan AliveFor = default);

namespace CardActors.Api.Idempotency;

/// <summary>Set on a request that runs under an idempotency key: the seed of the ids it creates.</summary>
/// <param name="Resumed">
/// An earlier request with the key ran and did not complete: its answer may have been lost after it
/// created something (its node died, or the call timed out after the commit). What it created has the
/// same ids, so an endpoint that finds it answers with it, as the first request would have.
/// </param>
public sealed class IdempotencyFeature(Guid seed, bool resumed = false)
{
    private int _next;

    public Guid Seed { get; } = seed;

    public bool Resumed { get; } = resumed;

    public int NextIndex() => Interlocked.Increment(ref _next);
}

namespace CardActors.Api.Idempotency;

/// <summary>Set on a request that runs under an idempotency key: the seed of the ids it creates.</summary>
public sealed class IdempotencyFeature(Guid seed)
{
    private int _next;

    public Guid Seed { get; } = seed;

    public int NextIndex() => Interlocked.Increment(ref _next);
}

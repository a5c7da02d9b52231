namespace CardActors.Api.Idempotency;

/// <summary>
/// Keeps a run's last beat in memory only: beats come every third of their validity, so a silo
/// that dies loses at most what the next beat brings back, and <see cref="IsAliveAsync"/> gives a
/// run it has not heard from one validity period before calling it dead.
/// </summary>
[GrainType("idempotency-run")]
public sealed class IdempotencyRunGrain(TimeProvider time) : Grain, IIdempotencyRunGrain
{
    private readonly DateTimeOffset _activatedAt = time.GetUtcNow();
    private DateTimeOffset? _aliveUntil;

    public Task BeatAsync(TimeSpan validFor)
    {
        _aliveUntil = time.GetUtcNow() + validFor;
        // Outlive the run's beats, so that the answer rests on them rather than on a fresh activation.
        DelayDeactivation(validFor + validFor);
        return Task.CompletedTask;
    }

    public Task<bool> IsAliveAsync(TimeSpan validFor)
        => Task.FromResult((_aliveUntil ?? _activatedAt + validFor) > time.GetUtcNow());
}

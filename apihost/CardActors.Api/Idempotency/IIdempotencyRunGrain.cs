namespace CardActors.Api.Idempotency;

/// <summary>
/// Whether one run of an API process (the grain key is its <see cref="IdempotencyHolder.Run"/>) is
/// alive: the run beats while it lives, and a run that stopped beating died with the requests it held.
/// </summary>
[Alias("CardActors.IIdempotencyRunGrain")]
public interface IIdempotencyRunGrain : IGrainWithGuidKey
{
    /// <summary>The run is alive now and for <paramref name="validFor"/> more.</summary>
    [Alias("BeatAsync")]
    Task BeatAsync(TimeSpan validFor);

    /// <summary>
    /// False once the run's last beat ran out. A run not heard from since this activation began (its
    /// beats were kept by a silo that died) counts as alive for one <paramref name="validFor"/>.
    /// </summary>
    [Alias("IsAliveAsync")]
    Task<bool> IsAliveAsync(TimeSpan validFor);
}

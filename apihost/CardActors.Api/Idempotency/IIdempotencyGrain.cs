namespace CardActors.Api.Idempotency;

/// <summary>
/// One idempotency key of one caller (the grain key is a hash of both). Its turns serialize the
/// requests that race for the key, and its persistent state makes the outcome survive restarts.
/// </summary>
[Alias("CardActors.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the key for a request of <paramref name="holder"/>, or answers what holds it: the stored
    /// response, a running request (whose lease holds and whose process is not an earlier run of the
    /// same host), or a different request under the same key.
    /// </summary>
    /// <param name="noneRunningHere">
    /// No other request of <paramref name="holder"/>'s run works on the key: a hold by that same run
    /// was left by a request that has ended (the answer to its own call was lost with a silo, or its
    /// release failed), so the key is taken over instead of waiting out the lease.
    /// </param>
    [Alias("BeginAsync")]
    Task<IdempotencyClaim> BeginAsync(string fingerprint, TimeSpan lease, TimeSpan retention, IdempotencyHolder holder, bool noneRunningHere = false);

    /// <summary>Stores the response of the request that holds <paramref name="token"/>.</summary>
    [Alias("CompleteAsync")]
    Task CompleteAsync(Guid token, StoredResponse response);

    /// <summary>Frees the key after a request that did not succeed: nothing was created, a retry runs again.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(Guid token);
}

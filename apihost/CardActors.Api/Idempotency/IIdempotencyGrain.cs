namespace CardActors.Api.Idempotency;

/// <summary>
/// One idempotency key of one caller (the grain key is a hash of both). Its turns serialize the
/// requests that race for the key, and its persistent state makes the outcome survive restarts.
/// </summary>
[Alias("CardActors.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("BeginAsync")]
    Task<IdempotencyClaim> BeginAsync(string fingerprint, TimeSpan lease, TimeSpan retention);

    /// <summary>Stores the response of the request that holds <paramref name="token"/>.</summary>
    [Alias("CompleteAsync")]
    Task CompleteAsync(Guid token, StoredResponse response);

    /// <summary>Frees the key after a request that did not succeed: nothing was created, a retry runs again.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(Guid token);
}

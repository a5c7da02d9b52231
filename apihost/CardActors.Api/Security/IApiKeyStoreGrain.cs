namespace CardActors.Api.Security;

/// <summary>
/// The API keys kept in the database (made by <c>--seed-demo</c> or <c>POST /api-keys</c>), one grain with key
/// <see cref="DefaultKey"/>: it lives in whichever storage the silo uses, so it survives restarts
/// on SQLite and PostgreSQL alike.
/// </summary>
[Alias("CardActors.IApiKeyStoreGrain")]
public interface IApiKeyStoreGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    [ReadOnly]
    [Alias("FindBySha256Async")]
    Task<StoredApiKey?> FindBySha256Async(string sha256);

    [ReadOnly]
    [Alias("ListAsync")]
    Task<IReadOnlyList<StoredApiKey>> ListAsync();

    /// <summary>Adds the key unless one with its name exists; true when added.</summary>
    [Alias("AddAsync")]
    Task<bool> AddAsync(StoredApiKey key);

    /// <summary>Removes the key named <paramref name="name"/>; true when there was one.</summary>
    [Alias("RevokeAsync")]
    Task<bool> RevokeAsync(string name);

    /// <summary>Notes that the key was used at <paramref name="at"/> (kept to the minute).</summary>
    [Alias("RecordUseAsync")]
    Task RecordUseAsync(string name, DateTimeOffset at);
}

namespace CardActors.Bench.Storage;

/// <summary>An open connection with the baseline's INSERT and UPDATE prepared once; only the values change per write.</summary>
internal interface IRawSession : IAsyncDisposable
{
    /// <returns>The new ETag, or null if the row already exists.</returns>
    Task<long?> InsertAsync(string grainKey, byte[] payload);

    /// <returns>The new ETag, or null if the stored ETag was not <paramref name="etag"/>.</returns>
    Task<long?> UpdateAsync(string grainKey, byte[] payload, long etag);
}

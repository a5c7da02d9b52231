namespace CardActors.Runtime;

/// <summary>
/// A durable store of grain state records with optimistic concurrency.
/// <para>
/// Every write and clear names the ETag the caller last saw (null: "I saw no record"). If the
/// stored ETag differs, nothing changes and <see cref="InconsistentStateException"/> is thrown.
/// ETags are opaque to callers; a clear keeps the row as a tombstone with a new ETag so that a
/// writer that still holds the old one is rejected too.
/// </para>
/// </summary>
public interface IGrainStorage
{
    /// <summary>Creates or migrates the schema. Called once when the silo starts.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, int stateVersion, string? expectedETag, CancellationToken cancellationToken);

    /// <returns>The new ETag of the tombstone, or null when there was no record to clear.</returns>
    Task<string?> ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken);
}

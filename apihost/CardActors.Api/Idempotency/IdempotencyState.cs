using CardActors.Storage.Serialization;

namespace CardActors.Api.Idempotency;

/// <summary>The persistent state of one idempotency key.</summary>
[OmitNulls]
public sealed class IdempotencyState
{
    public IdempotencyStatus Status { get; set; }

    /// <summary>SHA-256 of method, path, query and body of the request that holds or completed the key.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>
    /// Made with the first request and kept: the ids of what the request creates derive from it, so
    /// a retry after a crash (when the response was never stored) makes the same ids and cannot create twice.
    /// </summary>
    public Guid Seed { get; set; }

    public Guid LeaseToken { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }

    public IdempotencyHolder? Holder { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>How long the response is replayed (the setting when the key was taken): when the record is deleted.</summary>
    public TimeSpan Retention { get; set; }

    public StoredResponse? Response { get; set; }
}

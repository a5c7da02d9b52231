using System.Security.Cryptography;
using System.Text;

namespace CardActors.Api.Idempotency;

/// <summary>
/// Ids of new cards and batch orders. Under an idempotency key they derive from the key's seed,
/// so that a request re-run after a crash (whose response was never stored) addresses the same
/// grains and cannot create a second card; without a key they are new.
/// <para>
/// Ids are time-ordered (RFC 9562 version 7: a millisecond timestamp first): every table keyed by a
/// card id (grain state, audit, search, outbox pending) then takes new rows at the end of its B-tree,
/// where one page serves many of a group commit's rows. A random id lands each row on a page of its
/// own in each such index: about seven 4 KB pages per request card, written to the WAL and again at
/// the checkpoint (docs/benchmarks.md, issue 8 profile).
/// </para>
/// </summary>
public static class ResourceIds
{
    /// <summary>A new id, as a request without an idempotency key gets it; also for tools that make cards through the grains as the API would (the batch bench).</summary>
    public static string New() => Guid.CreateVersion7().ToString();

    public static string New(HttpContext context)
    {
        if (context.Features.Get<IdempotencyFeature>() is not { } feature)
        {
            return New();
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{feature.Seed:N}/{feature.NextIndex()}"), hash);
        if (feature.Seed.Version == 7)
        {
            // The seed's timestamp, so that the ids of one request sort with the time it was first made.
            Span<byte> seed = stackalloc byte[16];
            feature.Seed.TryWriteBytes(seed, bigEndian: true, out _);
            seed[..6].CopyTo(hash);
            hash[6] = (byte)((hash[6] & 0x0F) | 0x70);
        }
        else
        {
            // A seed stored before ids were time-ordered keeps its ids: a request resumed across an upgrade makes the same grains.
            hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        }

        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}

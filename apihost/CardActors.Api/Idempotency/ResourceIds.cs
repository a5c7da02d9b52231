using System.Security.Cryptography;
using System.Text;

namespace CardActors.Api.Idempotency;

/// <summary>
/// Ids of new cards and batch orders. Under an idempotency key they derive from the key's seed,
/// so that a request re-run after a crash (whose response was never stored) addresses the same
/// grains and cannot create a second card; without a key they are random.
/// </summary>
public static class ResourceIds
{
    public static string New(HttpContext context)
    {
        if (context.Features.Get<IdempotencyFeature>() is not { } feature)
        {
            return Guid.NewGuid().ToString();
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{feature.Seed:N}/{feature.NextIndex()}"), hash);
        // A version-4 / RFC 9562 variant layout, so the id looks like any other GUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}

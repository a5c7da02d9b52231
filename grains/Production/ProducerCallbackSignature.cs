using System.Security.Cryptography;
using System.Text;

namespace CardActors.Grains.Production;

/// <summary>
/// How the external producer signs its status callbacks: header <see cref="HeaderName"/> =
/// "sha256=" + lower-case hex of HMAC-SHA256(body bytes, shared secret). The API checks it with
/// <see cref="Verify"/> before handing the event to <c>IExternalProductionGrain.ReceiveStatusAsync</c>.
/// </summary>
public static class ProducerCallbackSignature
{
    public const string HeaderName = "X-CardActors-Signature";

    public static string Compute(ReadOnlySpan<byte> body, string secret)
        => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time check; false for a missing or malformed header or an empty secret.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? signatureHeader, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signatureHeader))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(body, secret));
        var actual = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Throws <c>producer.unauthorized</c> unless <see cref="Verify"/> holds.</summary>
    public static void EnsureValid(ReadOnlySpan<byte> body, string? signatureHeader, string? secret)
    {
        if (!Verify(body, signatureHeader, secret))
        {
            throw new DomainException(ErrorCodes.ProducerUnauthorized, ErrorKind.Unauthorized, "The producer callback's signature does not verify.");
        }
    }
}

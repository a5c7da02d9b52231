using System.Security.Cryptography;
using System.Text;

namespace CardActors.Api.Security;

/// <summary>
/// API keys are kept only as the lower-case hex SHA-256 of their UTF-8 text, the same value
/// <c>printf '%s' "$KEY" | sha256sum</c> prints, so an administrator can hash a key without our tools.
/// The keys are long random strings, so a plain (unsalted) hash is enough: there is no dictionary to guess from.
/// </summary>
public static class ApiKeyHash
{
    public static string Compute(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsWellFormed(string? hash)
        => hash is { Length: 64 } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'));

    /// <summary>A new key: 32 random bytes, base64url, with a prefix that makes a leaked key easy to recognise in logs or code.</summary>
    public static string NewKey()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return "ca_" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

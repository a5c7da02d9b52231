using System.Security.Cryptography;
using System.Text;

namespace CardActors.Grains.Security;

/// <summary>Generates PINs, PUKs and management keys, and hashes PINs (the only form in which a PIN is kept).</summary>
internal static class CardSecrets
{
    private const int PinHashIterations = 100_000;

    public static string Digits(int length)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }

    /// <summary>A 256-bit key in hex: AES-256, the management key algorithm of the default profile.</summary>
    public static string ManagementKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>PBKDF2-SHA256 with a random salt: "pbkdf2-sha256$iterations$salt$hash".</summary>
    public static string HashPin(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, PinHashIterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${PinHashIterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool VerifyPin(string pin, string stored)
    {
        var parts = stored.Split('$');
        var iterations = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}

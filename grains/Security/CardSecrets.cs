using System.Security.Cryptography;
using System.Text;

namespace CardActors.Grains.Security;

/// <summary>
/// Generates PINs, PUKs and management keys. A PIN is handed to the station once and kept in no form:
/// a hash of a 6-digit PIN falls to a million guesses, and nothing in the system needs to check a PIN.
/// </summary>
internal static class CardSecrets
{
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

}

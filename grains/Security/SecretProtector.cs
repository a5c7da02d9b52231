using System.Security.Cryptography;
using System.Text;

namespace CardActors.Grains.Security;

/// <summary>
/// Encrypts PUKs and card management keys with AES-256-GCM under the configured key. The card id
/// is the associated data, so a ciphertext copied to another card does not decrypt. Format:
/// base64(nonce ‖ tag ‖ ciphertext).
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    internal SecretProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The secret key must be 32 bytes (AES-256).", nameof(key));
        }

        _key = key;
    }

    internal string Protect(string plaintext, string cardId)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + clear.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, clear, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(cardId));
        CryptographicOperations.ZeroMemory(clear);
        return Convert.ToBase64String(output);
    }

    internal string Unprotect(string protectedValue, string cardId)
    {
        var input = Convert.FromBase64String(protectedValue);
        var clear = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), clear, Encoding.UTF8.GetBytes(cardId));
        return Encoding.UTF8.GetString(clear);
    }
}

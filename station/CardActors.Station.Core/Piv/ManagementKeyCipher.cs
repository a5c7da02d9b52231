using System.Security.Cryptography;

namespace CardActors.Station.Piv;

/// <summary>
/// One-block encryption with a management key, both for the host and for the virtual card.
/// 3DES is done as DES-EDE by hand because .NET's TripleDES refuses keys whose parts repeat, and
/// the factory key everyone uses (01..08 three times) is exactly such a key.
/// </summary>
public sealed class ManagementKeyCipher : IDisposable
{
    private readonly DES[]? des;
    private readonly Aes? aes;

    public ManagementKeyCipher(ManagementKeyAlgorithm algorithm, byte[] key)
    {
        if (key.Length != PivAlgorithms.KeyLength(algorithm))
        {
            throw new ArgumentException($"A {algorithm} management key has {PivAlgorithms.KeyLength(algorithm)} bytes, not {key.Length}.", nameof(key));
        }

        Algorithm = algorithm;
        if (algorithm == ManagementKeyAlgorithm.TripleDes)
        {
            des = [NewDes(key[..8]), NewDes(key[8..16]), NewDes(key[16..24])];
        }
        else
        {
            aes = Aes.Create();
            aes.Key = key;
        }
    }

    public ManagementKeyAlgorithm Algorithm { get; }

    public int BlockSize => Algorithm == ManagementKeyAlgorithm.TripleDes ? 8 : 16;

    public byte[] Encrypt(byte[] block)
    {
        CheckBlock(block);
        if (des is not null)
        {
            var a = des[0].EncryptEcb(block, PaddingMode.None);
            var b = des[1].DecryptEcb(a, PaddingMode.None);
            return des[2].EncryptEcb(b, PaddingMode.None);
        }

        return aes!.EncryptEcb(block, PaddingMode.None);
    }

    public byte[] Decrypt(byte[] block)
    {
        CheckBlock(block);
        if (des is not null)
        {
            var a = des[2].DecryptEcb(block, PaddingMode.None);
            var b = des[1].EncryptEcb(a, PaddingMode.None);
            return des[0].DecryptEcb(b, PaddingMode.None);
        }

        return aes!.DecryptEcb(block, PaddingMode.None);
    }

    public void Dispose()
    {
        aes?.Dispose();
        foreach (var d in des ?? [])
        {
            d.Dispose();
        }
    }

    private void CheckBlock(byte[] block)
    {
        if (block.Length != BlockSize)
        {
            throw new ArgumentException($"{Algorithm} works on blocks of {BlockSize} bytes, not {block.Length}.", nameof(block));
        }
    }

    private static DES NewDes(byte[] key)
    {
        // SP 800-78 still lists 3DES management keys and every card ships with one: not a choice made here.
#pragma warning disable CA5351
        var d = DES.Create();
#pragma warning restore CA5351
        d.Key = key;
        return d;
    }
}

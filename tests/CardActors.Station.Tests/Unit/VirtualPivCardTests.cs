using System.Security.Cryptography;
using CardActors.Station.Iso7816;
using CardActors.Station.Piv;
using CardActors.Station.VirtualCard;

namespace CardActors.Station.Tests.Unit;

/// <summary>The virtual card through the PIV client, in process: it has to behave like a card.</summary>
public sealed class VirtualPivCardTests
{
    private static readonly byte[] FactoryKey = Convert.FromHexString(PivConstants.FactoryManagementKeyHex);

    private readonly VirtualPivCard card = new(CardImage.Factory());
    private readonly PivClient piv;

    public VirtualPivCardTests()
    {
        piv = new PivClient(new VirtualCardTransport(card));
        piv.Select();
    }

    [Fact]
    public void Mutual_authentication_works_with_the_factory_key_and_fails_with_another()
    {
        piv.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        var wrong = Assert.Throws<CardCommandException>(() => piv.Authenticate(ManagementKeyAlgorithm.TripleDes, new byte[24].Select((_, i) => (byte)(i + 9)).ToArray()));
        Assert.Equal(StatusWords.SecurityStatusNotSatisfied, wrong.StatusWord);
    }

    [Theory]
    [InlineData(ManagementKeyAlgorithm.Aes128)]
    [InlineData(ManagementKeyAlgorithm.Aes192)]
    [InlineData(ManagementKeyAlgorithm.Aes256)]
    [InlineData(ManagementKeyAlgorithm.TripleDes)]
    public void The_management_key_can_be_changed_to_each_algorithm(ManagementKeyAlgorithm algorithm)
    {
        piv.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        var key = RandomNumberGenerator.GetBytes(PivAlgorithms.KeyLength(algorithm));
        piv.SetManagementKey(algorithm, key);
        piv.Authenticate(algorithm, key);
        Assert.Throws<CardCommandException>(() => piv.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey));
    }

    [Fact]
    public void External_authentication_with_a_card_challenge_works()
    {
        using var cipher = new ManagementKeyCipher(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        var transport = new VirtualCardTransport(card);
        var challenge = Tlv.Find(Tlv.Find(Send(transport, "0087039B047C028100").AsSpan(0, 12), 0x7C)!, 0x81)!;
        var answer = Send(transport, "0087039B0C7C0A8208" + Convert.ToHexString(cipher.Encrypt(challenge)));
        Assert.Equal("9000", Convert.ToHexString(answer));
    }

    [Fact]
    public void Key_generation_and_put_data_need_the_management_key()
    {
        var generate = Assert.Throws<CardCommandException>(() => piv.GenerateKey(0x9A, PivKeyAlgorithm.EccP256));
        Assert.Equal(StatusWords.SecurityStatusNotSatisfied, generate.StatusWord);
        var put = Assert.Throws<CardCommandException>(() => piv.PutData(0x5FC105, [0x70, 0x00]));
        Assert.Equal(StatusWords.SecurityStatusNotSatisfied, put.StatusWord);
    }

    [Fact]
    public void Rsa_and_ec_keys_sign_after_the_pin_and_the_signatures_verify()
    {
        piv.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        var rsaKey = piv.GenerateKey(0x9A, PivKeyAlgorithm.Rsa2048);
        var ecKey = piv.GenerateKey(0x9C, PivKeyAlgorithm.EccP256);
        var hash = SHA256.HashData("to be signed"u8);

        Assert.Equal(StatusWords.SecurityStatusNotSatisfied, Assert.Throws<CardCommandException>(() => piv.Sign(0x9C, PivKeyAlgorithm.EccP256, hash)).StatusWord);
        Assert.Equal(StatusWords.Success, piv.VerifyPin(PivConstants.FactoryPin));

        using var ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(ecKey, out _);
        Assert.True(ec.VerifyHash(hash, piv.Sign(0x9C, PivKeyAlgorithm.EccP256, hash), DSASignatureFormat.Rfc3279DerSequence));

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(rsaKey, out _);
        Assert.True(rsa.VerifyHash(hash, piv.Sign(0x9A, PivKeyAlgorithm.Rsa2048, Pkcs1Block(hash, 256)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Wrong_pins_count_down_then_block_and_the_puk_unblocks()
    {
        Assert.Equal(StatusWords.VerifyFailed(2), piv.VerifyPin("000000"));
        Assert.Equal(2, piv.PinTriesLeft());
        Assert.Equal(StatusWords.VerifyFailed(1), piv.VerifyPin("000000"));
        Assert.Equal(StatusWords.VerifyFailed(0), piv.VerifyPin("000000"));
        Assert.Equal(StatusWords.AuthenticationBlocked, piv.VerifyPin(PivConstants.FactoryPin));
        Assert.Equal(0, piv.PinTriesLeft());

        Assert.Equal(StatusWords.VerifyFailed(2), piv.ResetRetryCounter("00000000", "111111"));
        Assert.Equal(StatusWords.Success, piv.ResetRetryCounter(PivConstants.FactoryPuk, "111111"));
        Assert.Equal(StatusWords.Success, piv.VerifyPin("111111"));
        Assert.Equal(3, card.Image.PinRetriesLeft);
        Assert.Equal(3, card.Image.PukRetriesLeft);
    }

    [Fact]
    public void Power_off_drops_the_verified_pin()
    {
        Assert.Equal(StatusWords.Success, piv.VerifyPin(PivConstants.FactoryPin));
        Assert.Equal(-1, piv.PinTriesLeft());
        card.PowerCycle();
        piv.Select();
        Assert.Equal(3, piv.PinTriesLeft());
    }

    [Fact]
    public void Reset_needs_pin_and_puk_blocked_and_then_clears_everything()
    {
        piv.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        piv.GenerateKey(0x9A, PivKeyAlgorithm.EccP256);
        piv.PutData(0x5FC102, [0x34, 0x00]);
        Assert.Equal(StatusWords.ConditionsNotSatisfied, piv.Reset());
        for (var i = 0; i < 3; i++)
        {
            piv.VerifyPin("999999");
            piv.ChangeReference(PivConstants.PukReference, "99999999", "99999999");
        }

        Assert.Equal(StatusWords.Success, piv.Reset());
        Assert.Empty(card.Image.Keys);
        Assert.Empty(card.Image.Objects);
        Assert.Equal(StatusWords.Success, piv.VerifyPin(PivConstants.FactoryPin));
    }

    [Fact]
    public void Answers_longer_than_256_bytes_come_in_61xx_pieces()
    {
        piv.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        var big = new byte[1500];
        RandomNumberGenerator.Fill(big);
        piv.PutData(0x5FC105, big);
        Assert.Equal(big, piv.GetData(0x5FC105));

        var transport = new VirtualCardTransport(card);
        var first = Send(transport, "00CB3FFF055C035FC10500");
        Assert.Equal(258, first.Length);
        Assert.Equal(0x61, first[^2]);
    }

    [Fact]
    public void The_image_survives_a_save_and_load()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("station-image-").FullName, "card.json");
        var image = CardImage.LoadOrCreate(path);
        var first = new PivClient(new VirtualCardTransport(new VirtualPivCard(image, path)));
        first.Select();
        first.Authenticate(ManagementKeyAlgorithm.TripleDes, FactoryKey);
        first.GenerateKey(0x9E, PivKeyAlgorithm.EccP256);
        Assert.Equal(StatusWords.VerifyFailed(2), first.VerifyPin("000000"));

        var reloaded = CardImage.LoadOrCreate(path);
        Assert.Equal(image.Serial, reloaded.Serial);
        Assert.Equal(2, reloaded.PinRetriesLeft);
        Assert.True(reloaded.Keys.ContainsKey("9E"));
    }

    private static byte[] Send(VirtualCardTransport transport, string hex) => transport.Transmit(Convert.FromHexString(hex));

    /// <summary>EMSA-PKCS1-v1_5 for SHA-256, as a host builds it for the card's raw RSA.</summary>
    private static byte[] Pkcs1Block(byte[] hash, int length)
    {
        byte[] digestInfo = [.. Convert.FromHexString("3031300d060960864801650304020105000420"), .. hash];
        var block = new byte[length];
        block[1] = 0x01;
        Array.Fill(block, (byte)0xFF, 2, length - digestInfo.Length - 3);
        digestInfo.CopyTo(block, length - digestInfo.Length);
        return block;
    }
}

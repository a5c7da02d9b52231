using CardActors.Station.Piv;

namespace CardActors.Station.Tests.Unit;

public sealed class ManagementKeyCipherTests
{
    [Fact]
    public void Triple_des_with_the_factory_key_is_single_des_with_its_first_part()
    {
        using var cipher = new ManagementKeyCipher(ManagementKeyAlgorithm.TripleDes, Convert.FromHexString(PivConstants.FactoryManagementKeyHex));

        // DES-EDE with three equal keys is DES: E(0) under 0102030405060708.
        Assert.Equal("B073DC3FB209536D", Convert.ToHexString(cipher.Encrypt(new byte[8])));
        Assert.Equal(new byte[8], cipher.Decrypt(Convert.FromHexString("B073DC3FB209536D")));
    }

    [Theory]
    [InlineData(ManagementKeyAlgorithm.Aes128, 16)]
    [InlineData(ManagementKeyAlgorithm.Aes192, 24)]
    [InlineData(ManagementKeyAlgorithm.Aes256, 32)]
    public void Aes_round_trips(ManagementKeyAlgorithm algorithm, int keyLength)
    {
        using var cipher = new ManagementKeyCipher(algorithm, Enumerable.Range(1, keyLength).Select(i => (byte)i).ToArray());
        var block = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        Assert.Equal(block, cipher.Decrypt(cipher.Encrypt(block)));
        Assert.NotEqual(block, cipher.Encrypt(block));
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_refused()
        => Assert.Throws<ArgumentException>(() => new ManagementKeyCipher(ManagementKeyAlgorithm.Aes256, new byte[16]));
}

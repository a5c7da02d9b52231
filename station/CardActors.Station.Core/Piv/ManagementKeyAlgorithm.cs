namespace CardActors.Station.Piv;

/// <summary>The card management key's algorithm, by its SP 800-78 identifier.</summary>
public enum ManagementKeyAlgorithm : byte
{
    TripleDes = 0x03,
    Aes128 = 0x08,
    Aes192 = 0x0A,
    Aes256 = 0x0C,
}

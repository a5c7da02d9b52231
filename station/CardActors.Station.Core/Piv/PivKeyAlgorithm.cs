namespace CardActors.Station.Piv;

/// <summary>An asymmetric key algorithm, by its SP 800-78 identifier.</summary>
public enum PivKeyAlgorithm : byte
{
    Rsa2048 = 0x07,
    EccP256 = 0x11,
}

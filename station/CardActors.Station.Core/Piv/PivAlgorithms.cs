namespace CardActors.Station.Piv;

/// <summary>The profile's algorithm names ("RSA2048", "ECCP256", "AES256", "3DES") and what they mean on a card.</summary>
public static class PivAlgorithms
{
    public static PivKeyAlgorithm ParseKey(string name) => Normalize(name) switch
    {
        "RSA2048" => PivKeyAlgorithm.Rsa2048,
        "ECCP256" or "P256" or "ECP256" => PivKeyAlgorithm.EccP256,
        _ => throw new ArgumentException($"Unsupported key algorithm \"{name}\" (RSA2048 or ECCP256).", nameof(name)),
    };

    public static ManagementKeyAlgorithm ParseManagementKey(string name) => Normalize(name) switch
    {
        "3DES" or "TDES" or "TRIPLEDES" => ManagementKeyAlgorithm.TripleDes,
        "AES128" => ManagementKeyAlgorithm.Aes128,
        "AES192" => ManagementKeyAlgorithm.Aes192,
        "AES256" => ManagementKeyAlgorithm.Aes256,
        _ => throw new ArgumentException($"Unsupported management key algorithm \"{name}\" (3DES, AES128, AES192, AES256).", nameof(name)),
    };

    public static int KeyLength(ManagementKeyAlgorithm algorithm) => algorithm switch
    {
        ManagementKeyAlgorithm.TripleDes => 24,
        ManagementKeyAlgorithm.Aes128 => 16,
        ManagementKeyAlgorithm.Aes192 => 24,
        ManagementKeyAlgorithm.Aes256 => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static string Normalize(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}

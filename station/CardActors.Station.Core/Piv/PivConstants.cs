namespace CardActors.Station.Piv;

/// <summary>Numbers from NIST SP 800-73-4 (and the YubiKey extensions that third-party PIV tools rely on).</summary>
public static class PivConstants
{
    /// <summary>The PIV application's full AID (PIX 00 00 10 00 01 00).</summary>
    public static readonly byte[] Aid = [0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00];

    public const byte InsSelect = 0xA4;
    public const byte InsGetResponse = 0xC0;
    public const byte InsGetData = 0xCB;
    public const byte InsPutData = 0xDB;
    public const byte InsVerify = 0x20;
    public const byte InsChangeReference = 0x24;
    public const byte InsResetRetryCounter = 0x2C;
    public const byte InsGenerateKeyPair = 0x47;
    public const byte InsGeneralAuthenticate = 0x87;

    // YubiKey extensions.
    public const byte InsSetManagementKey = 0xFF;
    public const byte InsReset = 0xFB;
    public const byte InsGetVersion = 0xFD;
    public const byte InsGetSerial = 0xF8;

    public const byte PinReference = 0x80;
    public const byte PukReference = 0x81;
    public const byte ManagementKeyReference = 0x9B;

    public const int ChuidTag = 0x5FC102;
    public const int CccTag = 0x5FC107;

    public const string FactoryPin = "123456";
    public const string FactoryPuk = "12345678";
    public const string FactoryManagementKeyHex = "010203040506070801020304050607080102030405060708";

    /// <summary>The certificate object that belongs to a key slot (9A, 9C, 9D, 9E).</summary>
    public static int CertificateObject(byte slot) => slot switch
    {
        0x9A => 0x5FC105,
        0x9C => 0x5FC10A,
        0x9D => 0x5FC10B,
        0x9E => 0x5FC101,
        _ => throw new ArgumentOutOfRangeException(nameof(slot), $"Slot {slot:X2} has no certificate object here (9A, 9C, 9D, 9E do)."),
    };

    public static byte ParseSlot(string slot) => slot.ToUpperInvariant() switch
    {
        "9A" => 0x9A,
        "9C" => 0x9C,
        "9D" => 0x9D,
        "9E" => 0x9E,
        _ => throw new ArgumentException($"Unknown PIV key slot \"{slot}\" (9A, 9C, 9D or 9E).", nameof(slot)),
    };
}

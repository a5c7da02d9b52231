using System.Security.Cryptography;
using System.Text.Json;
using CardActors.Station.Piv;

namespace CardActors.Station.VirtualCard;

/// <summary>
/// What the virtual card keeps when it is powered off or pulled: its memory, not its session.
/// Mutable on purpose: it is the card's EEPROM, changed in place by commands and written to the
/// image file after each change, so a card pulled mid-job comes back exactly as it was left.
/// </summary>
public sealed class CardImage
{
    public const int DefaultPinRetries = 3;
    public const int DefaultPukRetries = 3;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public uint Serial { get; set; }

    public string Pin { get; set; } = PivConstants.FactoryPin;

    public string Puk { get; set; } = PivConstants.FactoryPuk;

    public int PinRetriesLeft { get; set; } = DefaultPinRetries;

    public int PukRetriesLeft { get; set; } = DefaultPukRetries;

    public byte ManagementKeyAlgorithm { get; set; } = (byte)Piv.ManagementKeyAlgorithm.TripleDes;

    public byte[] ManagementKey { get; set; } = Convert.FromHexString(PivConstants.FactoryManagementKeyHex);

    /// <summary>Data objects by tag (hex, e.g. "5FC105"), each the value inside tag 53.</summary>
    public Dictionary<string, byte[]> Objects { get; set; } = [];

    /// <summary>Key pairs by slot (hex, e.g. "9A").</summary>
    public Dictionary<string, SlotKey> Keys { get; set; } = [];

    /// <summary>A factory-fresh card with a random serial.</summary>
    public static CardImage Factory() => new() { Serial = (uint)RandomNumberGenerator.GetInt32(10_000_000, 99_999_999) };

    /// <summary>Back to the factory state (the serial stays: it is printed on the card).</summary>
    public void ResetToFactory()
    {
        var fresh = new CardImage();
        Pin = fresh.Pin;
        Puk = fresh.Puk;
        PinRetriesLeft = fresh.PinRetriesLeft;
        PukRetriesLeft = fresh.PukRetriesLeft;
        ManagementKeyAlgorithm = fresh.ManagementKeyAlgorithm;
        ManagementKey = fresh.ManagementKey;
        Objects = [];
        Keys = [];
    }

    public static CardImage LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<CardImage>(File.ReadAllBytes(path), Json) ?? throw new InvalidDataException($"The card image {path} is empty.");
        }

        var image = Factory();
        image.Save(path);
        return image;
    }

    /// <summary>Writes the image atomically, so a card stopped mid-write is never a torn file.</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temp, path, overwrite: true);
    }
}

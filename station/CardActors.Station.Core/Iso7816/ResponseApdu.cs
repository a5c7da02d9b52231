namespace CardActors.Station.Iso7816;

/// <summary>A response APDU: the data and the two status bytes.</summary>
public sealed record ResponseApdu(byte[] Data, ushort StatusWord)
{
    public byte Sw1 => (byte)(StatusWord >> 8);

    public byte Sw2 => (byte)StatusWord;

    public bool IsSuccess => StatusWord == StatusWords.Success;

    public static ResponseApdu Parse(ReadOnlySpan<byte> response)
    {
        if (response.Length < 2)
        {
            throw new FormatException($"A response has at least the two status bytes, this one {response.Length} bytes.");
        }

        return new ResponseApdu(response[..^2].ToArray(), (ushort)((response[^2] << 8) | response[^1]));
    }

    public static ResponseApdu Status(ushort statusWord) => new([], statusWord);

    public byte[] ToBytes() => [.. Data, Sw1, Sw2];

    public override string ToString() => $"{StatusWord:X4} ({Data.Length} bytes)";
}

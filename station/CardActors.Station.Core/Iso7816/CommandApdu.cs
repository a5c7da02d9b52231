namespace CardActors.Station.Iso7816;

/// <summary>
/// A short ISO 7816-4 command APDU. <see cref="Le"/> null means no Le byte; 0 (or 256) asks for up
/// to 256 bytes. Longer data than 255 bytes goes out in chained pieces (see <see cref="CardChannel"/>).
/// </summary>
public sealed record CommandApdu(byte Cla, byte Ins, byte P1, byte P2, byte[]? Data = null, int? Le = null)
{
    /// <summary>The CLA bit that says "more of this command follows".</summary>
    public const byte ChainingBit = 0x10;

    public byte[] ToBytes()
    {
        var data = Data ?? [];
        if (data.Length > 255)
        {
            throw new InvalidOperationException($"A short APDU carries at most 255 bytes of data, not {data.Length}: send it chained.");
        }

        var bytes = new List<byte>(data.Length + 6) { Cla, Ins, P1, P2 };
        if (data.Length > 0)
        {
            bytes.Add((byte)data.Length);
            bytes.AddRange(data);
        }

        if (Le is { } le)
        {
            bytes.Add((byte)(le >= 256 ? 0 : le));
        }

        return [.. bytes];
    }

    /// <summary>Parses a short APDU of any of the four ISO cases.</summary>
    public static CommandApdu Parse(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length < 4)
        {
            throw new FormatException($"An APDU has at least 4 bytes, this one {apdu.Length}.");
        }

        var (cla, ins, p1, p2) = (apdu[0], apdu[1], apdu[2], apdu[3]);
        if (apdu.Length == 4)
        {
            return new CommandApdu(cla, ins, p1, p2);
        }

        if (apdu.Length == 5)
        {
            return new CommandApdu(cla, ins, p1, p2, null, apdu[4] == 0 ? 256 : apdu[4]);
        }

        var lc = apdu[4];
        if (lc == 0 || apdu.Length < 5 + lc || apdu.Length > 6 + lc)
        {
            throw new FormatException($"Lc {lc} does not fit an APDU of {apdu.Length} bytes (extended length is not supported).");
        }

        var data = apdu.Slice(5, lc).ToArray();
        int? leValue = apdu.Length == 6 + lc ? (apdu[5 + lc] == 0 ? 256 : apdu[5 + lc]) : null;
        return new CommandApdu(cla, ins, p1, p2, data, leValue);
    }
}

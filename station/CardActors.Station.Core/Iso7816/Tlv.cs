namespace CardActors.Station.Iso7816;

/// <summary>
/// BER-TLV as PIV uses it: tags of one to three bytes, definite lengths of up to three bytes.
/// Reading is flat (one level); nested values are read again by the caller.
/// </summary>
public static class Tlv
{
    public static byte[] Encode(int tag, ReadOnlySpan<byte> value)
    {
        var bytes = new List<byte>(value.Length + 8);
        AddTag(bytes, tag);
        AddLength(bytes, value.Length);
        bytes.AddRange(value.ToArray());
        return [.. bytes];
    }

    /// <summary>A constructed element whose value is the given elements, in order.</summary>
    public static byte[] Nest(int tag, params byte[][] children) => Encode(tag, children.SelectMany(c => c).ToArray());

    public static byte[] EncodeLength(int length)
    {
        var bytes = new List<byte>(4);
        AddLength(bytes, length);
        return [.. bytes];
    }

    /// <summary>Every top-level element, in order.</summary>
    public static IReadOnlyList<TlvElement> Parse(ReadOnlySpan<byte> data)
    {
        var elements = new List<TlvElement>();
        var offset = 0;
        while (offset < data.Length)
        {
            // 00 and FF between elements are padding (ISO 7816-4, 5.2.2).
            if (data[offset] is 0x00 or 0xFF)
            {
                offset++;
                continue;
            }

            var tag = (int)data[offset++];
            if ((tag & 0x1F) == 0x1F)
            {
                do
                {
                    Need(data, offset, 1);
                    tag = (tag << 8) | data[offset];
                }
                while ((data[offset++] & 0x80) != 0);
            }

            Need(data, offset, 1);
            var length = (int)data[offset++];
            if (length == 0x81)
            {
                Need(data, offset, 1);
                length = data[offset++];
            }
            else if (length == 0x82)
            {
                Need(data, offset, 2);
                length = (data[offset] << 8) | data[offset + 1];
                offset += 2;
            }
            else if (length == 0x83)
            {
                Need(data, offset, 3);
                length = (data[offset] << 16) | (data[offset + 1] << 8) | data[offset + 2];
                offset += 3;
            }
            else if (length > 0x80)
            {
                throw new FormatException($"TLV length form {length:X2} is not supported.");
            }

            Need(data, offset, length);
            elements.Add(new TlvElement(tag, data.Slice(offset, length).ToArray()));
            offset += length;
        }

        return elements;
    }

    /// <summary>The value of the first element with <paramref name="tag"/>, or null.</summary>
    public static byte[]? Find(ReadOnlySpan<byte> data, int tag) => Parse(data).FirstOrDefault(e => e.Tag == tag)?.Value;

    private static void Need(ReadOnlySpan<byte> data, int offset, int count)
    {
        if (offset + count > data.Length)
        {
            throw new FormatException($"TLV data ends after {data.Length} bytes, {offset + count} needed.");
        }
    }

    private static void AddTag(List<byte> bytes, int tag)
    {
        if (tag > 0xFFFF)
        {
            bytes.Add((byte)(tag >> 16));
        }

        if (tag > 0xFF)
        {
            bytes.Add((byte)(tag >> 8));
        }

        bytes.Add((byte)tag);
    }

    private static void AddLength(List<byte> bytes, int length)
    {
        if (length < 0x80)
        {
            bytes.Add((byte)length);
        }
        else if (length <= 0xFF)
        {
            bytes.Add(0x81);
            bytes.Add((byte)length);
        }
        else if (length <= 0xFFFF)
        {
            bytes.Add(0x82);
            bytes.Add((byte)(length >> 8));
            bytes.Add((byte)length);
        }
        else
        {
            bytes.Add(0x83);
            bytes.Add((byte)(length >> 16));
            bytes.Add((byte)(length >> 8));
            bytes.Add((byte)length);
        }
    }
}

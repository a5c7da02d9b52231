using System.Globalization;
using CardActors.Station.Iso7816;

namespace CardActors.Station.Piv;

/// <summary>The contents of the PIV data objects the station writes: certificate objects and the CHUID.</summary>
public static class PivObjects
{
    /// <summary>
    /// A FASC-N for an issuer outside the US federal government (SP 800-73-4 allows agency code
    /// 9999 for those): agency, system and credential number all nines, so that relying parties
    /// identify the card by the CHUID's GUID, which is the card's id.
    /// </summary>
    public static byte[] NonFederalFascN { get; } = EncodeFascN("9999", "9999", "999999", "0", "1", "0000000000", "1", "0000", "1");

    /// <summary>A certificate object: the DER certificate, uncompressed, and the error detection code.</summary>
    public static byte[] Certificate(byte[] der) => [.. Tlv.Encode(0x70, der), .. Tlv.Encode(0x71, [0x00]), .. Tlv.Encode(0xFE, ReadOnlySpan<byte>.Empty)];

    public static byte[]? CertificateDer(byte[] objectValue) => Tlv.Find(objectValue, 0x70);

    /// <summary>A CHUID with the FASC-N, the card's GUID, an expiry date, an empty signature and the error detection code.</summary>
    public static byte[] Chuid(Guid cardGuid, DateOnly expires) =>
    [
        .. Tlv.Encode(0x30, NonFederalFascN),
        .. Tlv.Encode(0x34, cardGuid.ToByteArray(bigEndian: true)),
        .. Tlv.Encode(0x35, System.Text.Encoding.ASCII.GetBytes(expires.ToString("yyyyMMdd", CultureInfo.InvariantCulture))),
        .. Tlv.Encode(0x3E, ReadOnlySpan<byte>.Empty),
        .. Tlv.Encode(0xFE, ReadOnlySpan<byte>.Empty),
    ];

    public static Guid? ChuidGuid(byte[] objectValue) => Tlv.Find(objectValue, 0x34) is { Length: 16 } guid ? new Guid(guid, bigEndian: true) : null;

    /// <summary>
    /// The card's GUID for its id: the id itself when it is a GUID (card ids are), else a GUID
    /// derived from it, so the same card always gets the same CHUID.
    /// </summary>
    public static Guid CardGuid(string cardId)
    {
        if (Guid.TryParse(cardId, out var guid))
        {
            return guid;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cardId));
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// FASC-N as TIG SCEPACS encodes it: 40 characters of 5 bits (4 data bits, least significant
    /// first, and an odd parity bit), start and end sentinels, field separators and a closing LRC.
    /// </summary>
    internal static byte[] EncodeFascN(string agency, string system, string credential, string series, string issue, string person, string orgCategory, string org, string association)
    {
        const int start = 0b1011, separator = 0b1101, end = 0b1111;
        var codes = new List<int> { start };
        void Digits(string s) => codes.AddRange(s.Select(c => c - '0'));
        Digits(agency);
        codes.Add(separator);
        Digits(system);
        codes.Add(separator);
        Digits(credential);
        codes.Add(separator);
        Digits(series);
        codes.Add(separator);
        Digits(issue);
        codes.Add(separator);
        Digits(person);
        Digits(orgCategory);
        Digits(org);
        Digits(association);
        codes.Add(end);
        var lrc = codes.Aggregate(0, (a, c) => a ^ c);
        codes.Add(lrc);

        var bits = new List<bool>(codes.Count * 5);
        foreach (var code in codes)
        {
            var ones = 0;
            for (var i = 0; i < 4; i++)
            {
                var bit = ((code >> i) & 1) == 1;
                ones += bit ? 1 : 0;
                bits.Add(bit);
            }

            bits.Add(ones % 2 == 0);
        }

        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                bytes[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return bytes;
    }
}

using System.Security.Cryptography;
using System.Text;
using CardActors.Station.Iso7816;

namespace CardActors.Station.Piv;

/// <summary>
/// The host side of the PIV commands the station needs. Each method sends one command (and its
/// chained pieces or GET RESPONSEs, through <see cref="CardChannel"/>) and throws
/// <see cref="CardCommandException"/> when the card refuses it, naming the command.
/// </summary>
public sealed class PivClient(ICardTransport transport)
{
    private readonly CardChannel channel = new(transport);

    public void Select() => Expect("SELECT PIV", new CommandApdu(0x00, PivConstants.InsSelect, 0x04, 0x00, PivConstants.Aid, 0));

    /// <summary>Mutual authentication with the management key: the card proves it knows the key too.</summary>
    public void Authenticate(ManagementKeyAlgorithm algorithm, byte[] key)
    {
        using var cipher = new ManagementKeyCipher(algorithm, key);
        var command = $"GENERAL AUTHENTICATE (management key, {algorithm})";
        var witnessAnswer = Expect(command, GeneralAuthenticate((byte)algorithm, PivConstants.ManagementKeyReference, Tlv.Encode(0x80, ReadOnlySpan<byte>.Empty)));
        var witness = Tlv.Find(Tlv.Find(witnessAnswer, 0x7C) ?? [], 0x80) ?? throw new CardCommandException($"{command}: the card sent no witness");
        var challenge = RandomNumberGenerator.GetBytes(cipher.BlockSize);
        var answer = Expect(command, GeneralAuthenticate((byte)algorithm, PivConstants.ManagementKeyReference, [.. Tlv.Encode(0x80, cipher.Decrypt(witness)), .. Tlv.Encode(0x81, challenge)]));
        var proof = Tlv.Find(Tlv.Find(answer, 0x7C) ?? [], 0x82);
        if (proof is null || !CryptographicOperations.FixedTimeEquals(proof, cipher.Encrypt(challenge)))
        {
            throw new CardCommandException($"{command}: the card's answer to our challenge is wrong; this is not the card we think it is");
        }
    }

    /// <summary>Generates a key pair in <paramref name="slot"/>; returns its public key as DER SubjectPublicKeyInfo.</summary>
    public byte[] GenerateKey(byte slot, PivKeyAlgorithm algorithm)
    {
        var answer = Expect($"GENERATE ASYMMETRIC KEY PAIR {slot:X2}", new CommandApdu(0x00, PivConstants.InsGenerateKeyPair, 0x00, slot, Tlv.Nest(0xAC, Tlv.Encode(0x80, [(byte)algorithm])), 0));
        return PivPublicKey.ToSubjectPublicKeyInfo(answer, algorithm);
    }

    /// <summary>Signs (RSA: a padded block of the modulus size; ECC: a hash) with the key in <paramref name="slot"/>.</summary>
    public byte[] Sign(byte slot, PivKeyAlgorithm algorithm, byte[] input)
    {
        var answer = Expect($"GENERAL AUTHENTICATE (sign, {slot:X2})", GeneralAuthenticate((byte)algorithm, slot, [.. Tlv.Encode(0x82, ReadOnlySpan<byte>.Empty), .. Tlv.Encode(0x81, input)]));
        return Tlv.Find(Tlv.Find(answer, 0x7C) ?? [], 0x82) ?? throw new CardCommandException("GENERAL AUTHENTICATE (sign): no signature in the answer");
    }

    /// <summary>The object's value (inside tag 53), or null when the card does not have it.</summary>
    public byte[]? GetData(int tag)
    {
        var response = channel.Send(new CommandApdu(0x00, PivConstants.InsGetData, 0x3F, 0xFF, Tlv.Encode(0x5C, TagBytes(tag)), 0));
        if (response.StatusWord == StatusWords.NotFound)
        {
            return null;
        }

        Check($"GET DATA {tag:X6}", response);
        return Tlv.Find(response.Data, 0x53) ?? throw new CardCommandException($"GET DATA {tag:X6}: the answer is not a data object (53)");
    }

    public void PutData(int tag, byte[] value)
        => Expect($"PUT DATA {tag:X6}", new CommandApdu(0x00, PivConstants.InsPutData, 0x3F, 0xFF, [.. Tlv.Encode(0x5C, TagBytes(tag)), .. Tlv.Encode(0x53, value)]));

    /// <summary>Verifies the PIN; the status word when the card refuses (63Cx, 6983), so callers can count.</summary>
    public ushort VerifyPin(string pin)
        => channel.Send(new CommandApdu(0x00, PivConstants.InsVerify, 0x00, PivConstants.PinReference, PadReference(pin))).StatusWord;

    /// <summary>Tries left for the PIN (VERIFY without data), or 0 when blocked; -1 when it is verified now.</summary>
    public int PinTriesLeft()
    {
        var sw = channel.Send(new CommandApdu(0x00, PivConstants.InsVerify, 0x00, PivConstants.PinReference)).StatusWord;
        return sw switch
        {
            StatusWords.Success => -1,
            StatusWords.AuthenticationBlocked => 0,
            _ when (sw & 0xFFF0) == StatusWords.VerifyFailedBase => sw & 0x0F,
            _ => throw new CardCommandException("VERIFY (tries left)", sw),
        };
    }

    /// <summary>CHANGE REFERENCE DATA for the PIN (80) or the PUK (81); returns the status word.</summary>
    public ushort ChangeReference(byte reference, string oldValue, string newValue)
        => channel.Send(new CommandApdu(0x00, PivConstants.InsChangeReference, 0x00, reference, [.. PadReference(oldValue), .. PadReference(newValue)])).StatusWord;

    /// <summary>RESET RETRY COUNTER: a new PIN with the PUK; returns the status word.</summary>
    public ushort ResetRetryCounter(string puk, string newPin)
        => channel.Send(new CommandApdu(0x00, PivConstants.InsResetRetryCounter, 0x00, PivConstants.PinReference, [.. PadReference(puk), .. PadReference(newPin)])).StatusWord;

    /// <summary>Sets a new management key (YubiKey-compatible SET MANAGEMENT KEY); needs management key authentication.</summary>
    public void SetManagementKey(ManagementKeyAlgorithm algorithm, byte[] key)
        => Expect("SET MANAGEMENT KEY", new CommandApdu(0x00, PivConstants.InsSetManagementKey, 0xFF, 0xFF, [(byte)algorithm, PivConstants.ManagementKeyReference, (byte)key.Length, .. key]));

    /// <summary>Resets the PIV application to its factory state (YubiKey-compatible; only when PIN and PUK are blocked).</summary>
    public ushort Reset() => channel.Send(new CommandApdu(0x00, PivConstants.InsReset, 0x00, 0x00)).StatusWord;

    /// <summary>The card's serial number (YubiKey-compatible GET SERIAL), or null when the card does not know the command.</summary>
    public uint? GetSerial()
    {
        var response = channel.Send(new CommandApdu(0x00, PivConstants.InsGetSerial, 0x00, 0x00, null, 0));
        return response.IsSuccess && response.Data.Length == 4 ? (uint)((response.Data[0] << 24) | (response.Data[1] << 16) | (response.Data[2] << 8) | response.Data[3]) : null;
    }

    /// <summary>The PIN or PUK as the card takes it: ASCII, padded with FF to 8 bytes.</summary>
    public static byte[] PadReference(string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length > 8)
        {
            throw new ArgumentException("A PIN or PUK has at most 8 characters.", nameof(value));
        }

        var padded = Enumerable.Repeat((byte)0xFF, 8).ToArray();
        bytes.CopyTo(padded, 0);
        return padded;
    }

    public static byte[] TagBytes(int tag) => tag > 0xFFFF ? [(byte)(tag >> 16), (byte)(tag >> 8), (byte)tag] : tag > 0xFF ? [(byte)(tag >> 8), (byte)tag] : [(byte)tag];

    private static CommandApdu GeneralAuthenticate(byte algorithm, byte reference, byte[] dynamicTemplate)
        => new(0x00, PivConstants.InsGeneralAuthenticate, algorithm, reference, Tlv.Encode(0x7C, dynamicTemplate), 0);

    private byte[] Expect(string command, CommandApdu apdu)
    {
        var response = channel.Send(apdu);
        Check(command, response);
        return response.Data;
    }

    private static void Check(string command, ResponseApdu response)
    {
        if (!response.IsSuccess)
        {
            throw new CardCommandException(command, response.StatusWord);
        }
    }
}

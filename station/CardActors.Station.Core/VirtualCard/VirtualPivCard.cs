using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using CardActors.Station.Iso7816;
using CardActors.Station.Piv;

namespace CardActors.Station.VirtualCard;

/// <summary>
/// A PIV card in software, answering APDUs the way SP 800-73-4 (and, for what yubico-piv-tool
/// asks, a YubiKey) does. Two kinds of state: the <see cref="CardImage"/> (what survives power
/// off: keys, objects, PIN, PUK, counters, management key), saved after every change, and the
/// session (PIV selected, PIN verified, management key authenticated, a pending challenge, a
/// command chain being collected, an answer being handed out in 61xx pieces), which power off
/// and reset drop, as on a real card. One APDU at a time: the reader serializes them.
/// </summary>
public sealed class VirtualPivCard
{
    /// <summary>T=1, twelve historical bytes ("CardActorPIV"), TCK.</summary>
    public static byte[] Atr { get; } = BuildAtr("CardActorPIV"u8.ToArray());

    private const int MaxResponseChunk = 256;

    private readonly CardImage image;
    private readonly string? imagePath;
    private readonly VirtualCardOptions options;
    private readonly object gate = new();

    private bool selected;
    private bool pinVerified;
    private bool managementAuthenticated;
    private byte[]? expectedWitness;
    private byte[]? cardChallenge;
    private List<byte>? chain;
    private byte chainIns;
    private byte[] pendingResponse = [];
    private int maxChunk = MaxResponseChunk;

    public VirtualPivCard(CardImage image, string? imagePath = null, VirtualCardOptions? options = null)
    {
        this.image = image;
        this.imagePath = imagePath;
        this.options = options ?? VirtualCardOptions.Fast;
    }

    public CardImage Image => image;

    /// <summary>Power off and reset (cold or warm) end the session; the image stays.</summary>
    public void PowerCycle()
    {
        lock (gate)
        {
            selected = false;
            pinVerified = false;
            managementAuthenticated = false;
            expectedWitness = null;
            cardChallenge = null;
            chain = null;
            pendingResponse = [];
        }
    }

    public async Task<byte[]> ProcessAsync(byte[] apdu, CancellationToken cancellationToken)
    {
        if (options.ApduDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.ApduDelay, cancellationToken);
        }

        CommandApdu command;
        try
        {
            command = CommandApdu.Parse(apdu);
        }
        catch (FormatException)
        {
            return Sw(StatusWords.WrongLength);
        }

        if (command.Ins == PivConstants.InsGenerateKeyPair && options.KeyGenerationDelay > TimeSpan.Zero && selected)
        {
            await Task.Delay(options.KeyGenerationDelay, cancellationToken);
        }

        lock (gate)
        {
            return Process(command);
        }
    }

    private byte[] Process(CommandApdu command)
    {
        // A client that sends Le gets no more than that; the rest waits behind 61xx.
        maxChunk = command.Le is { } le and > 0 and < MaxResponseChunk ? le : MaxResponseChunk;
        if (command.Ins == PivConstants.InsGetResponse)
        {
            return NextChunk();
        }

        pendingResponse = [];
        if ((command.Cla & ~CommandApdu.ChainingBit) != 0x00)
        {
            return Sw(StatusWords.ClaNotSupported);
        }

        // Command chaining: collect the pieces, run the command when the last one arrives.
        if ((command.Cla & CommandApdu.ChainingBit) != 0)
        {
            if (chain is not null && chainIns != command.Ins)
            {
                chain = null;
                return Sw(StatusWords.ConditionsNotSatisfied);
            }

            chain ??= [];
            chainIns = command.Ins;
            chain.AddRange(command.Data ?? []);
            return Sw(StatusWords.Success);
        }

        if (chain is not null)
        {
            var collected = chain;
            chain = null;
            if (chainIns != command.Ins)
            {
                return Sw(StatusWords.ConditionsNotSatisfied);
            }

            collected.AddRange(command.Data ?? []);
            command = command with { Data = [.. collected] };
        }

        if (command.Ins == PivConstants.InsSelect)
        {
            return Select(command);
        }

        if (!selected)
        {
            return Sw(StatusWords.InsNotSupported);
        }

        var data = command.Data ?? [];
        try
        {
            return command.Ins switch
            {
                PivConstants.InsGetData => GetData(data),
                PivConstants.InsPutData => PutData(data),
                PivConstants.InsVerify => Verify(command.P1, command.P2, data),
                PivConstants.InsChangeReference => ChangeReference(command.P2, data),
                PivConstants.InsResetRetryCounter => ResetRetryCounter(command.P2, data),
                PivConstants.InsGenerateKeyPair => Generate(command.P2, data),
                PivConstants.InsGeneralAuthenticate => GeneralAuthenticate(command.P1, command.P2, data),
                PivConstants.InsSetManagementKey => SetManagementKey(data),
                PivConstants.InsReset => Reset(),
                PivConstants.InsGetVersion => Answer([0x05, 0x02, 0x07]),
                PivConstants.InsGetSerial => Answer([(byte)(image.Serial >> 24), (byte)(image.Serial >> 16), (byte)(image.Serial >> 8), (byte)image.Serial]),
                _ => Sw(StatusWords.InsNotSupported),
            };
        }
        catch (FormatException)
        {
            return Sw(StatusWords.WrongData);
        }
    }

    private byte[] Select(CommandApdu command)
    {
        var aid = command.Data ?? [];
        if (command.P1 != 0x04 || aid.Length < 5 || aid.Length > PivConstants.Aid.Length || !PivConstants.Aid.AsSpan(0, aid.Length).SequenceEqual(aid))
        {
            // An application this card does not have: the current one stays selected.
            return Sw(StatusWords.NotFound);
        }

        // Selecting PIV again keeps the security status: clients (OpenSC) re-select between a PIN
        // login and the signature that needs it.
        selected = true;
        var template = Tlv.Nest(0x61,
            Tlv.Encode(0x4F, PivConstants.Aid.AsSpan(5)),
            Tlv.Nest(0x79, Tlv.Encode(0x4F, PivConstants.Aid.AsSpan(0, 5))));
        return Answer(template);
    }

    private byte[] GetData(byte[] data)
    {
        var tag = Tlv.Find(data, 0x5C) ?? throw new FormatException();
        var key = Convert.ToHexString(tag);
        return image.Objects.TryGetValue(key, out var value)
            ? Answer(key == "7E" ? Tlv.Encode(0x7E, value) : Tlv.Encode(0x53, value))
            : Sw(StatusWords.NotFound);
    }

    private byte[] PutData(byte[] data)
    {
        if (!managementAuthenticated)
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        var elements = Tlv.Parse(data);
        if (elements.Count == 1 && elements[0].Tag is 0x7E or 0x7F61)
        {
            image.Objects[elements[0].Tag.ToString("X", System.Globalization.CultureInfo.InvariantCulture)] = elements[0].Value;
            Save();
            return Sw(StatusWords.Success);
        }

        if (elements.Count != 2 || elements[0].Tag != 0x5C || elements[1].Tag != 0x53)
        {
            return Sw(StatusWords.WrongData);
        }

        var key = Convert.ToHexString(elements[0].Value);
        if (elements[1].Value.Length == 0)
        {
            image.Objects.Remove(key);
        }
        else
        {
            image.Objects[key] = elements[1].Value;
        }

        Save();
        return Sw(StatusWords.Success);
    }

    private byte[] Verify(byte p1, byte p2, byte[] data)
    {
        if (p2 != PivConstants.PinReference)
        {
            return Sw(StatusWords.ReferenceNotFound);
        }

        if (p1 == 0xFF)
        {
            pinVerified = false;
            return Sw(StatusWords.Success);
        }

        if (data.Length == 0)
        {
            return Sw(pinVerified ? StatusWords.Success : image.PinRetriesLeft == 0 ? StatusWords.AuthenticationBlocked : StatusWords.VerifyFailed(image.PinRetriesLeft));
        }

        if (data.Length != 8)
        {
            return Sw(StatusWords.WrongData);
        }

        pinVerified = CheckReference(Unpad(data), isPuk: false, out var sw);
        return Sw(sw);
    }

    private byte[] ChangeReference(byte p2, byte[] data)
    {
        if (p2 is not (PivConstants.PinReference or PivConstants.PukReference))
        {
            return Sw(StatusWords.ReferenceNotFound);
        }

        if (data.Length != 16)
        {
            return Sw(StatusWords.WrongData);
        }

        var isPuk = p2 == PivConstants.PukReference;
        var newValue = Unpad(data[8..]);
        if (newValue.Length is < 6 or > 8)
        {
            return Sw(StatusWords.WrongData);
        }

        if (!CheckReference(Unpad(data[..8]), isPuk, out var sw))
        {
            return Sw(sw);
        }

        if (isPuk)
        {
            image.Puk = newValue;
        }
        else
        {
            image.Pin = newValue;
            pinVerified = true;
        }

        Save();
        return Sw(StatusWords.Success);
    }

    private byte[] ResetRetryCounter(byte p2, byte[] data)
    {
        if (p2 != PivConstants.PinReference)
        {
            return Sw(StatusWords.ReferenceNotFound);
        }

        if (data.Length != 16)
        {
            return Sw(StatusWords.WrongData);
        }

        var newPin = Unpad(data[8..]);
        if (newPin.Length is < 6 or > 8)
        {
            return Sw(StatusWords.WrongData);
        }

        if (!CheckReference(Unpad(data[..8]), isPuk: true, out var sw))
        {
            return Sw(sw);
        }

        image.Pin = newPin;
        image.PinRetriesLeft = CardImage.DefaultPinRetries;
        pinVerified = false;
        Save();
        return Sw(StatusWords.Success);
    }

    /// <summary>Checks a PIN or PUK against its counter: blocked 6983, wrong 63Cx (one try less), right 9000 (counter full again).</summary>
    private bool CheckReference(string offered, bool isPuk, out ushort sw)
    {
        var left = isPuk ? image.PukRetriesLeft : image.PinRetriesLeft;
        if (left == 0)
        {
            sw = StatusWords.AuthenticationBlocked;
            return false;
        }

        var expected = isPuk ? image.Puk : image.Pin;
        var right = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(offered), Encoding.ASCII.GetBytes(expected));
        left = right ? (isPuk ? CardImage.DefaultPukRetries : CardImage.DefaultPinRetries) : left - 1;
        if (isPuk)
        {
            image.PukRetriesLeft = left;
        }
        else
        {
            image.PinRetriesLeft = left;
        }

        Save();
        sw = right ? StatusWords.Success : StatusWords.VerifyFailed(left);
        return right;
    }

    private byte[] Generate(byte slot, byte[] data)
    {
        if (!managementAuthenticated)
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        if (slot is not (0x9A or 0x9C or 0x9D or 0x9E))
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        var algorithm = Tlv.Find(Tlv.Find(data, 0xAC) ?? throw new FormatException(), 0x80) is [var a] ? a : throw new FormatException();
        AsymmetricAlgorithm key = algorithm switch
        {
            (byte)PivKeyAlgorithm.Rsa2048 => RSA.Create(2048),
            (byte)PivKeyAlgorithm.EccP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            _ => throw new FormatException(),
        };
        using (key)
        {
            image.Keys[slot.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)] = new SlotKey(algorithm, key.ExportPkcs8PrivateKey());
            Save();
            return Answer(PivPublicKey.ToTemplate(key));
        }
    }

    private byte[] GeneralAuthenticate(byte algorithm, byte reference, byte[] data)
    {
        var template = Tlv.Find(data, 0x7C) ?? throw new FormatException();
        var items = Tlv.Parse(template).ToDictionary(e => e.Tag, e => e.Value);
        return reference == PivConstants.ManagementKeyReference
            ? ManagementKeyAuthenticate(algorithm, items)
            : SignWithSlot(algorithm, reference, items);
    }

    private byte[] ManagementKeyAuthenticate(byte algorithm, Dictionary<int, byte[]> items)
    {
        if (algorithm != image.ManagementKeyAlgorithm)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        using var cipher = new ManagementKeyCipher((ManagementKeyAlgorithm)algorithm, image.ManagementKey);

        // Mutual authentication, step 1: the host asks for a witness.
        if (items.TryGetValue(0x80, out var witness) && witness.Length == 0)
        {
            managementAuthenticated = false;
            expectedWitness = RandomNumberGenerator.GetBytes(cipher.BlockSize);
            return Answer(Tlv.Nest(0x7C, Tlv.Encode(0x80, cipher.Encrypt(expectedWitness))));
        }

        // Step 2: the host returns the witness decrypted and sends its own challenge.
        if (witness is not null && items.TryGetValue(0x81, out var hostChallenge))
        {
            var expected = expectedWitness;
            expectedWitness = null;
            if (expected is null || !CryptographicOperations.FixedTimeEquals(expected, witness) || hostChallenge.Length != cipher.BlockSize)
            {
                return Sw(StatusWords.SecurityStatusNotSatisfied);
            }

            managementAuthenticated = true;
            return Answer(Tlv.Nest(0x7C, Tlv.Encode(0x82, cipher.Encrypt(hostChallenge))));
        }

        // External authentication, step 1: the host asks for a challenge.
        if (items.TryGetValue(0x81, out var empty) && empty.Length == 0)
        {
            managementAuthenticated = false;
            cardChallenge = RandomNumberGenerator.GetBytes(cipher.BlockSize);
            return Answer(Tlv.Nest(0x7C, Tlv.Encode(0x81, cardChallenge)));
        }

        // Step 2: the host returns the challenge encrypted.
        if (items.TryGetValue(0x82, out var response) && response.Length > 0)
        {
            var challenge = cardChallenge;
            cardChallenge = null;
            if (challenge is null || !CryptographicOperations.FixedTimeEquals(cipher.Encrypt(challenge), response))
            {
                return Sw(StatusWords.SecurityStatusNotSatisfied);
            }

            managementAuthenticated = true;
            return Sw(StatusWords.Success);
        }

        return Sw(StatusWords.WrongData);
    }

    private byte[] SignWithSlot(byte algorithm, byte slot, Dictionary<int, byte[]> items)
    {
        var slotName = slot.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
        if (!image.Keys.TryGetValue(slotName, out var key))
        {
            return Sw(StatusWords.ReferenceNotFound);
        }

        if (key.Algorithm != algorithm)
        {
            return Sw(StatusWords.IncorrectP1P2);
        }

        // The card authentication key (9E) is usable without the PIN, the others are not.
        if (slot != 0x9E && !pinVerified)
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        if (!items.TryGetValue(0x82, out var marker) || marker.Length != 0 || !items.TryGetValue(0x81, out var input))
        {
            return Sw(StatusWords.WrongData);
        }

        byte[] signature;
        if (algorithm == (byte)PivKeyAlgorithm.Rsa2048)
        {
            if (input.Length != 256)
            {
                return Sw(StatusWords.WrongData);
            }

            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(key.Pkcs8, out _);
            signature = RawRsa(rsa.ExportParameters(true), input);
        }
        else
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(key.Pkcs8, out _);
            signature = ecdsa.SignHash(input, DSASignatureFormat.Rfc3279DerSequence);
        }

        return Answer(Tlv.Nest(0x7C, Tlv.Encode(0x82, signature)));
    }

    private byte[] SetManagementKey(byte[] data)
    {
        if (!managementAuthenticated)
        {
            return Sw(StatusWords.SecurityStatusNotSatisfied);
        }

        if (data.Length < 3 || data[1] != PivConstants.ManagementKeyReference || !Enum.IsDefined((ManagementKeyAlgorithm)data[0]))
        {
            return Sw(StatusWords.WrongData);
        }

        var algorithm = (ManagementKeyAlgorithm)data[0];
        if (data[2] != PivAlgorithms.KeyLength(algorithm) || data.Length != 3 + data[2])
        {
            return Sw(StatusWords.WrongData);
        }

        image.ManagementKeyAlgorithm = data[0];
        image.ManagementKey = data[3..];
        Save();
        return Sw(StatusWords.Success);
    }

    /// <summary>The YubiKey-style reset: only allowed once both PIN and PUK are blocked, so it needs no secret.</summary>
    private byte[] Reset()
    {
        if (image.PinRetriesLeft > 0 || image.PukRetriesLeft > 0)
        {
            return Sw(StatusWords.ConditionsNotSatisfied);
        }

        image.ResetToFactory();
        Save();
        pinVerified = false;
        managementAuthenticated = false;
        return Sw(StatusWords.Success);
    }

    /// <summary>The private RSA operation on a block the host already padded, which .NET's RSA does not offer.</summary>
    private static byte[] RawRsa(RSAParameters key, byte[] block)
    {
        var n = new BigInteger(key.Modulus, isUnsigned: true, isBigEndian: true);
        var m = new BigInteger(block, isUnsigned: true, isBigEndian: true);
        if (m >= n)
        {
            throw new FormatException();
        }

        var d = new BigInteger(key.D, isUnsigned: true, isBigEndian: true);
        var s = BigInteger.ModPow(m, d, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[key.Modulus!.Length];
        s.CopyTo(result, result.Length - s.Length);
        return result;
    }

    private byte[] Answer(byte[] data)
    {
        pendingResponse = data;
        return NextChunk();
    }

    /// <summary>Up to Le (at most 256) bytes of the pending answer; 61xx says how much is left (00: 256 or more).</summary>
    private byte[] NextChunk()
    {
        var chunk = pendingResponse.Length > maxChunk ? pendingResponse[..maxChunk] : pendingResponse;
        pendingResponse = pendingResponse[chunk.Length..];
        var left = pendingResponse.Length;
        return left == 0 ? [.. chunk, 0x90, 0x00] : [.. chunk, StatusWords.MoreDataSw1, (byte)(left >= 256 ? 0 : left)];
    }

    private void Save()
    {
        if (imagePath is not null)
        {
            image.Save(imagePath);
        }
    }

    private static string Unpad(byte[] padded) => Encoding.ASCII.GetString(padded.TakeWhile(b => b != 0xFF).ToArray());

    private static byte[] Sw(ushort sw) => [(byte)(sw >> 8), (byte)sw];

    private static byte[] BuildAtr(byte[] historical)
    {
        // TS 3B (direct), T0 8x (TD1 present, x historical bytes), TD1 80 (TD2 present, T=0),
        // TD2 01 (T=1), the historical bytes, TCK (XOR of T0..the last historical byte).
        byte[] body = [(byte)(0x80 | historical.Length), 0x80, 0x01, .. historical];
        var tck = body.Aggregate((byte)0, (x, b) => (byte)(x ^ b));
        return [0x3B, .. body, tck];
    }
}

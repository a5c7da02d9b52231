using System.Security.Cryptography;
using CardActors.Station.Iso7816;

namespace CardActors.Station.Piv;

/// <summary>The public key template a card answers GENERATE ASYMMETRIC KEY PAIR with (tag 7F49), to and from SubjectPublicKeyInfo.</summary>
public static class PivPublicKey
{
    public const int TemplateTag = 0x7F49;

    /// <summary>The DER SubjectPublicKeyInfo of the key in a <c>7F49</c> template.</summary>
    public static byte[] ToSubjectPublicKeyInfo(byte[] response, PivKeyAlgorithm algorithm)
    {
        var template = Tlv.Find(response, TemplateTag) ?? throw new FormatException("The card's answer has no public key template (7F49).");
        if (algorithm == PivKeyAlgorithm.Rsa2048)
        {
            var modulus = Tlv.Find(template, 0x81) ?? throw new FormatException("The RSA public key has no modulus (81).");
            var exponent = Tlv.Find(template, 0x82) ?? throw new FormatException("The RSA public key has no exponent (82).");
            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            return rsa.ExportSubjectPublicKeyInfo();
        }

        var point = Tlv.Find(template, 0x86) ?? throw new FormatException("The EC public key has no point (86).");
        if (point.Length != 65 || point[0] != 0x04)
        {
            throw new FormatException($"A P-256 point is 65 bytes starting 04, this one is {point.Length} bytes.");
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..65] } });
        return ecdsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The <c>7F49</c> template of a key pair (for the virtual card).</summary>
    public static byte[] ToTemplate(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => Tlv.Nest(TemplateTag, Tlv.Encode(0x81, rsa.ExportParameters(false).Modulus!), Tlv.Encode(0x82, rsa.ExportParameters(false).Exponent!)),
        ECDsa ecdsa => Tlv.Nest(TemplateTag, Tlv.Encode(0x86, [0x04, .. ecdsa.ExportParameters(false).Q.X!, .. ecdsa.ExportParameters(false).Q.Y!])),
        _ => throw new ArgumentException($"No PIV template for {key.GetType().Name}.", nameof(key)),
    };
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CardActors.Grains.ClusterSecurity;

/// <summary>
/// What a client signs for one grain call: the target grain, the interface and method, the time and a
/// nonce, under a version label. The silo's caller identity filter checks the same bytes (its design
/// is written at the top of that filter). ECDSA keys sign with SHA-256, RSA keys with PSS and SHA-256.
/// </summary>
public static class CallerProofs
{
    public const string RequestContextKey = "cardactors.caller-proof";

    /// <summary>
    /// The bytes signed. A system target (the cluster manifest a client reads at start) is named by its
    /// type alone: the client addresses it at the gateway's endpoint, the silo knows it by its own.
    /// </summary>
    public static byte[] Payload(GrainId target, string interfaceName, string methodName, long signedAt, Guid nonce)
    {
        var name = target.Type.IsSystemTarget() ? target.Type.ToString() : target.ToString();
        return Encoding.UTF8.GetBytes($"cardactors-call/1\n{name}\n{interfaceName}\n{methodName}\n{signedAt}\n{nonce:N}");
    }

    public static CallerProof Sign(X509Certificate2 certificate, GrainId target, string interfaceName, string methodName, DateTimeOffset now)
    {
        var signedAt = now.ToUnixTimeMilliseconds();
        var nonce = Guid.NewGuid();
        var payload = Payload(target, interfaceName, methodName, signedAt, nonce);
        byte[] signature;
        if (certificate.GetECDsaPrivateKey() is { } ecdsa)
        {
            using (ecdsa)
            {
                signature = ecdsa.SignData(payload, HashAlgorithmName.SHA256);
            }
        }
        else if (certificate.GetRSAPrivateKey() is { } rsa)
        {
            using (rsa)
            {
                signature = rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            }
        }
        else
        {
            throw new CryptographicException($"The key of certificate {certificate.Subject} is neither ECDSA nor RSA.");
        }

        return new CallerProof(certificate.RawData, signedAt, nonce, signature);
    }

    /// <summary>True when <paramref name="proof"/>'s signature is <paramref name="certificate"/>'s over this call.</summary>
    public static bool VerifySignature(X509Certificate2 certificate, CallerProof proof, GrainId target, string interfaceName, string methodName)
    {
        var payload = Payload(target, interfaceName, methodName, proof.SignedAt, proof.Nonce);
        if (certificate.GetECDsaPublicKey() is { } ecdsa)
        {
            using (ecdsa)
            {
                return ecdsa.VerifyData(payload, proof.Signature, HashAlgorithmName.SHA256);
            }
        }

        if (certificate.GetRSAPublicKey() is { } rsa)
        {
            using (rsa)
            {
                return rsa.VerifyData(payload, proof.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            }
        }

        return false;
    }
}

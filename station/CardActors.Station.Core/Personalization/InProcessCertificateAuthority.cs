using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CardActors.Station.Personalization;

/// <summary>
/// A real certificate authority in the station's process: a P-256 root that signs certificates
/// for the keys generated on cards. It stands in until the cluster's CA does the signing, and
/// serves tests and development. The key usages follow the PIV slot's template.
/// </summary>
public sealed class InProcessCertificateAuthority : ICertificateIssuer, IDisposable
{
    private readonly X509Certificate2 root;
    private readonly ECDsa key;

    private InProcessCertificateAuthority(X509Certificate2 root, ECDsa key)
    {
        this.root = root;
        this.key = key;
    }

    public X509Certificate2 Root => root;

    public static InProcessCertificateAuthority Create(string name = "CardActors Station Development CA")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var root = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return new InProcessCertificateAuthority(X509CertificateLoader.LoadCertificate(root.RawData), key);
    }

    /// <summary>The CA kept in a PKCS#12 file (no password: a development CA), created on first use.</summary>
    public static InProcessCertificateAuthority LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var stored = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
            return new InProcessCertificateAuthority(stored, stored.GetECDsaPrivateKey() ?? throw new InvalidDataException($"{path} holds no EC private key."));
        }

        var ca = Create();
        using var withKey = ca.root.CopyWithPrivateKey(ca.key);
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pkcs12));
        return ca;
    }

    public Task<byte[]> IssueAsync(CertificateIssueRequest request, CancellationToken cancellationToken)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(request.SubjectPublicKeyInfo, out _);
        var subject = new X500DistinguishedName($"CN={request.CardId}, OU={request.Template}, O=CardActors");
        var certificateRequest = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
        certificateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        certificateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(Usage(request.Template), true));
        certificateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        certificateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        if (string.Equals(request.Template, "authentication", StringComparison.OrdinalIgnoreCase))
        {
            certificateRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = certificateRequest.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddMinutes(-5), now.AddYears(3), serial);
        return Task.FromResult(certificate.RawData);
    }

    public void Dispose()
    {
        root.Dispose();
        key.Dispose();
    }

    private static X509KeyUsageFlags Usage(string template) => template.ToUpperInvariant() switch
    {
        "SIGNATURE" => X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation,
        "KEYMANAGEMENT" or "KEY-MANAGEMENT" or "ENCRYPTION" => X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement,
        _ => X509KeyUsageFlags.DigitalSignature,
    };
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CardActors.Grains.ClusterSecurity;

/// <summary>
/// The certificates of a cluster's members: silos, API hosts and stations, all issued by the
/// cluster's CA grain. The CA signs card certificates too, so a certificate is a member's only when
/// it carries a role's extended key usage (private OIDs under 2.25, a UUID arc no one else allocates);
/// a card's certificate never does. The member's name (silo name, API host name, station id) is the
/// certificate's common name.
/// </summary>
public static class ClusterCertificates
{
    private const string Arc = "2.25.54589010620844978390085622263417600925.1.";
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static string RoleOid(ClusterRole role) => role switch
    {
        ClusterRole.Silo => Arc + "1",
        ClusterRole.ApiHost => Arc + "2",
        ClusterRole.Station => Arc + "3",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The role the certificate's extended key usage names, or null for a certificate that is no member's.</summary>
    public static ClusterRole? RoleOf(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        ClusterRole? found = null;
        foreach (var role in Enum.GetValues<ClusterRole>())
        {
            if (usages.Contains(RoleOid(role)))
            {
                if (found is not null)
                {
                    return null; // two roles: not a certificate this CA issues
                }

                found = role;
            }
        }

        return found;
    }

    public static string NameOf(X509Certificate2 certificate) => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    /// <summary>
    /// Why <paramref name="certificate"/> is not a valid member's certificate of one of
    /// <paramref name="roles"/>, or null when it is: it chains to <paramref name="ca"/> (and nothing
    /// else), is within its validity, carries one role and a name, and <paramref name="isRevoked"/>
    /// does not know its serial.
    /// </summary>
    public static string? Check(X509Certificate2 certificate, X509Certificate2 ca, IReadOnlyCollection<ClusterRole> roles, Func<string, bool> isRevoked, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // the cluster's own CRL, below
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        try
        {
            if (!chain.Build(certificate))
            {
                var statuses = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
                return $"certificate {certificate.Subject} does not chain to the cluster's CA ({statuses})";
            }

            if (chain.ChainElements.Count != 2 || !chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span))
            {
                return $"certificate {certificate.Subject} is not issued by the cluster's CA itself";
            }
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }

        if (RoleOf(certificate) is not { } role)
        {
            return $"certificate {certificate.Subject} names no cluster role (a card's certificate is not a member's)";
        }

        if (!roles.Contains(role))
        {
            return $"certificate {certificate.Subject} is a {role}'s; here only {string.Join(" or ", roles)} may connect";
        }

        if (string.IsNullOrWhiteSpace(NameOf(certificate)))
        {
            return $"certificate {certificate.Subject} has no common name";
        }

        return isRevoked(certificate.SerialNumber) ? $"certificate {certificate.SerialNumber} ({NameOf(certificate)}) is revoked" : null;
    }

    /// <summary>
    /// A member's certificate with its private key: PKCS#12 (<c>.p12</c>, <c>.pfx</c>) or PEM (the key in
    /// <paramref name="keyPath"/>, or in the same file); <paramref name="password"/> opens the PKCS#12
    /// file or an encrypted PEM key.
    /// </summary>
    public static X509Certificate2 LoadWithKey(string path, string? keyPath, string? password)
    {
        var extension = Path.GetExtension(path);
        X509Certificate2 certificate;
        if (extension.Equals(".p12", StringComparison.OrdinalIgnoreCase) || extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase))
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        else
        {
            certificate = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException($"{path} holds no private key for its certificate.");
        }

        return certificate;
    }

    /// <summary>The cluster CA's certificate (PEM or DER), as <c>GET /ca/certificate</c> serves it.</summary>
    public static X509Certificate2 LoadCa(string path) => X509CertificateLoader.LoadCertificateFromFile(path);
}

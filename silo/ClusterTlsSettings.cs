namespace CardActors.Silo;

/// <summary>
/// Mutual TLS of a cluster: section <c>CardActors:Cluster:Tls</c>. On when <see cref="CertificatePath"/>
/// is set: the silo's links to other silos and its gateway then accept only members with a
/// certificate from the cluster's CA, and every client call must be signed (see
/// <c>CallerIdentityFilter</c>). Off, the default: the embedded node's gateway listens on loopback
/// only, without TLS. Paths and passwords come from configuration (a password best from the
/// environment, <c>CardActors__Cluster__Tls__CertificatePassword</c>), never from code.
/// </summary>
public sealed class ClusterTlsSettings
{
    /// <summary>The member's certificate with its key: PKCS#12 (<c>.p12</c>, <c>.pfx</c>) or PEM. A silo's has role Silo, an API host's ApiHost.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Opens the PKCS#12 file or an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The cluster CA's certificate (PEM or DER), as <c>GET /ca/certificate</c> serves it.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Refuse client calls that carry no signed proof of their caller. Only a migration would turn this off.</summary>
    public bool RequireCallerProof { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public IEnumerable<string> Validate(string section)
    {
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(CaCertificatePath) || !string.IsNullOrWhiteSpace(CertificateKeyPath))
            {
                yield return $"{section}:CertificatePath is needed with CaCertificatePath or CertificateKeyPath: TLS needs the member's own certificate.";
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(CaCertificatePath))
        {
            yield return $"{section}:CaCertificatePath is needed with CertificatePath: the cluster CA's certificate (GET /ca/certificate).";
        }

        foreach (var (name, path) in new[] { ("CertificatePath", CertificatePath), ("CertificateKeyPath", CertificateKeyPath), ("CaCertificatePath", CaCertificatePath) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                yield return $"{section}:{name} '{path}' does not exist.";
            }
        }
    }
}

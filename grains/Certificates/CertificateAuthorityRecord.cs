namespace CardActors.Grains.Certificates;

/// <summary>
/// The CA's stored state: its certificate, its private key (PKCS#8, AES-GCM under the domain's
/// secret key, see SecretProtector), the certificates it issued (cards' and members') and the CRL it signed last.
/// </summary>
public sealed record CertificateAuthorityRecord
{
    public byte[]? Certificate { get; init; }

    public string? EncryptedKey { get; init; }

    public IReadOnlyList<CertificateRecord> Issued { get; init; } = [];

    /// <summary>Certificates of the cluster's members (silos, API hosts, stations).</summary>
    public IReadOnlyList<MemberCertificateRecord> Members { get; init; } = [];

    /// <summary>The number of <see cref="Crl"/>; every CRL signed gets the next one.</summary>
    public long CrlNumber { get; init; }

    public byte[]? Crl { get; init; }

    public DateTimeOffset? CrlSignedAt { get; init; }
}

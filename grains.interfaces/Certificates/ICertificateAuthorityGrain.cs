namespace CardActors.Grains;

/// <summary>
/// The cluster's certificate authority: one grain, key <see cref="DefaultKey"/>. It makes its key
/// and self-signed certificate on first use, issues the certificates of keys generated on cards
/// (stations ask through <see cref="ICardProductionGrain.IssueCertificateAsync"/>, never directly),
/// and keeps each certificate's status as its card reports it, with a CRL signed anew at every
/// change (increasing CRL numbers). It also certifies the cluster's members (silos, API hosts,
/// stations) for mutual TLS and signed calls, see <c>CallerIdentityFilter</c>.
/// </summary>
[Alias("CardActors.ICertificateAuthorityGrain")]
public interface ICertificateAuthorityGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>The CA's certificate (DER).</summary>
    [Alias("GetCertificateAsync")]
    Task<byte[]> GetCertificateAsync();

    /// <summary>The current CRL (DER); signed anew when half its validity has passed.</summary>
    [Alias("GetCrlAsync")]
    Task<byte[]> GetCrlAsync();

    /// <summary>Issues a certificate from the template; <c>validation.failed</c> for a key that is not a SubjectPublicKeyInfo, or an unknown template.</summary>
    [Alias("IssueAsync")]
    Task<IssuedCertificate> IssueAsync(CertificateIssueCommand command);

    /// <summary>Applies a card's status change (idempotent, ordered by card version); unknown serials are ignored.</summary>
    [Alias("SetStatusAsync")]
    Task SetStatusAsync(CertificateStatusChange change);

    /// <summary>A certificate's status, or null for a serial this CA never issued.</summary>
    [ReadOnly]
    [Alias("GetStatusAsync")]
    Task<CertificateStatus?> GetStatusAsync(string serial);

    /// <summary>
    /// Certifies a cluster member's key from its PKCS#10 request: <c>validation.failed</c> for a request
    /// that does not parse or whose signature does not verify, an unknown role or a bad name. Valid a year.
    /// </summary>
    [Alias("IssueMemberCertificateAsync")]
    Task<MemberCertificate> IssueMemberCertificateAsync(MemberCertificateRequest request);

    /// <summary>Revokes a member's certificate for good (it goes on the CRL); false for a serial that is no member's. Idempotent.</summary>
    [Alias("RevokeMemberCertificateAsync")]
    Task<bool> RevokeMemberCertificateAsync(string serial);

    /// <summary>The serials on the current CRL, for silos to check members against.</summary>
    [ReadOnly]
    [Alias("GetRevocationSnapshotAsync")]
    Task<RevocationSnapshot> GetRevocationSnapshotAsync();
}

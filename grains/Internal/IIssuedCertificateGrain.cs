using CardActors.Grains.Certificates;

namespace CardActors.Grains.Internal;

/// <summary>
/// One certificate the CA issued, keyed "{CA key}/{serial}" (serial upper-case hex), with its
/// status: the CA keeps only its key and what its CRL lists, and each certificate here, so an
/// issuance or a status change writes one certificate, whatever the number issued before it. Only the
/// CA calls it. Not for the API.
/// </summary>
[Alias("CardActors.IIssuedCertificateGrain")]
public interface IIssuedCertificateGrain : IGrainWithStringKey
{
    /// <summary>The certificate; an empty record when none was issued under this serial.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<IssuedCertificateRecord> GetAsync();

    /// <summary>Stores a certificate just issued (or moved here from a CA row of version 1).</summary>
    [Alias("StoreAsync")]
    Task StoreAsync(IssuedCertificateRecord certificate);

    /// <summary>
    /// Applies the card's status change to the card certificate here, if it is that card's, the change
    /// is newer than the last one applied and the certificate not revoked; returns the certificate as
    /// it now is (changed or not), or null when this serial is no card certificate.
    /// </summary>
    [Alias("ApplyStatusAsync")]
    Task<CertificateRecord?> ApplyStatusAsync(CertificateStatusChange change, DateTimeOffset now);

    /// <summary>Revokes the member certificate here for good, at <paramref name="at"/> unless it was revoked before; null when this serial is no member's.</summary>
    [Alias("RevokeMemberAsync")]
    Task<MemberCertificateRecord?> RevokeMemberAsync(DateTimeOffset at);
}

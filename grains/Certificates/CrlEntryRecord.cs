namespace CardActors.Grains.Certificates;

/// <summary>
/// A certificate the CRL lists: on hold (reason certificateHold) or revoked (cessationOfOperation),
/// since <paramref name="Since"/>. The CA keeps one per listed certificate, so signing a CRL needs no
/// other row; <paramref name="NotAfter"/> tells when a revoked one may leave it.
/// </summary>
/// <param name="Serial">Hex, upper case.</param>
public sealed record CrlEntryRecord(string Serial, DateTimeOffset Since, CertificateStatus Status, DateTimeOffset NotAfter)
{
    /// <summary>The entry a card's certificate needs on the CRL, or null while it is valid.</summary>
    public static CrlEntryRecord? Of(CertificateRecord certificate)
        => certificate.Status == CertificateStatus.Valid ? null : new(certificate.Serial, certificate.StatusSince, certificate.Status, certificate.NotAfter);

    /// <summary>The entry a member's certificate needs on the CRL, or null until it is revoked.</summary>
    public static CrlEntryRecord? Of(MemberCertificateRecord member)
        => member.RevokedAt is { } revokedAt ? new(member.Serial, revokedAt, CertificateStatus.Revoked, member.NotAfter) : null;

    /// <summary>An expired revoked certificate needs no entry any more; one on hold keeps it until it is revoked or valid again.</summary>
    public bool IsListedAt(DateTimeOffset now) => Status == CertificateStatus.OnHold || NotAfter >= now;
}

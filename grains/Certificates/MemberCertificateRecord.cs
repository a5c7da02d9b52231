using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains.Certificates;

/// <summary>A cluster member's certificate the CA issued; <paramref name="RevokedAt"/> once revoked (for good).</summary>
/// <param name="Serial">Hex, upper case, as on the CRL.</param>
public sealed record MemberCertificateRecord(
    string Serial,
    ClusterRole Role,
    string Name,
    DateTimeOffset IssuedAt,
    DateTimeOffset NotAfter,
    DateTimeOffset? RevokedAt);

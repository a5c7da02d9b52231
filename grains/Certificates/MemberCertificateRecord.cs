using CardActors.Grains.ClusterSecurity;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Certificates;

/// <summary>A cluster member's certificate the CA issued; <paramref name="RevokedAt"/> once revoked (for good).</summary>
/// <param name="Serial">Hex, upper case, as on the CRL.</param>
[GenerateSerializer, Immutable, Alias("CardActors.MemberCertificateRecord"), OmitNulls]
public sealed record MemberCertificateRecord(
    [property: Id(0)] string Serial,
    [property: Id(1)] ClusterRole Role,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset IssuedAt,
    [property: Id(4)] DateTimeOffset NotAfter,
    [property: Id(5)] DateTimeOffset? RevokedAt);

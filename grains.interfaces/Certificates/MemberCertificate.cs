using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains;

/// <summary>A cluster member's certificate, as the CA issued it (DER).</summary>
[GenerateSerializer, Immutable, Alias("CardActors.MemberCertificate")]
public sealed record MemberCertificate(
    [property: Id(0)] string Serial,
    [property: Id(1)] ClusterRole Role,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset NotAfter,
    [property: Id(4)] byte[] Certificate);

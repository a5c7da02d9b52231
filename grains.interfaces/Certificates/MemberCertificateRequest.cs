using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains;

/// <summary>
/// An admin enrols a cluster member (a silo, an API host, a station) with its own key: the member
/// made a PKCS#10 request, so its private key never leaves it.
/// </summary>
/// <param name="Name">The member's name, the certificate's common name: a station's id, a silo's or API host's name.</param>
/// <param name="SigningRequest">DER PKCS#10, signed by the member's key (proof that it holds it).</param>
[GenerateSerializer, Immutable, Alias("CardActors.MemberCertificateRequest")]
public sealed record MemberCertificateRequest([property: Id(0)] ClusterRole Role, [property: Id(1)] string Name, [property: Id(2)] byte[] SigningRequest);

using CardActors.Storage.Serialization;

namespace CardActors.Grains.Certificates;

/// <summary>
/// The stored state of one issued certificate (<see cref="Internal.IIssuedCertificateGrain"/>): a
/// card's or a cluster member's, never both; neither when the CA issued none under that serial.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.IssuedCertificateRecord"), OmitNulls]
public sealed record IssuedCertificateRecord
{
    [Id(0)]
    public CertificateRecord? Card { get; init; }

    [Id(1)]
    public MemberCertificateRecord? Member { get; init; }
}

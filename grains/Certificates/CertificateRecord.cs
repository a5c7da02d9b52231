namespace CardActors.Grains.Certificates;

/// <summary>One certificate the CA issued, and its status as its card last reported it.</summary>
/// <param name="Serial">Hex, upper case, as X509Certificate2.SerialNumber and openssl show it.</param>
/// <param name="StatusVersion">The card version of the status change applied last (0: as issued).</param>
/// <param name="StatusSince">When the certificate took its status: the revocation date on the CRL.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CertificateRecord")]
public sealed record CertificateRecord(
    [property: Id(0)] string Serial,
    [property: Id(1)] string CardId,
    [property: Id(2)] string JobId,
    [property: Id(3)] string Slot,
    [property: Id(4)] string Template,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] DateTimeOffset NotAfter,
    [property: Id(7)] CertificateStatus Status,
    [property: Id(8)] long StatusVersion,
    [property: Id(9)] DateTimeOffset StatusSince);

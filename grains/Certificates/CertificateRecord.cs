namespace CardActors.Grains.Certificates;

/// <summary>One certificate the CA issued, and its status as its card last reported it.</summary>
/// <param name="Serial">Hex, upper case, as X509Certificate2.SerialNumber and openssl show it.</param>
/// <param name="StatusVersion">The card version of the status change applied last (0: as issued).</param>
/// <param name="StatusSince">When the certificate took its status: the revocation date on the CRL.</param>
public sealed record CertificateRecord(
    string Serial,
    string CardId,
    string JobId,
    string Slot,
    string Template,
    DateTimeOffset IssuedAt,
    DateTimeOffset NotAfter,
    CertificateStatus Status,
    long StatusVersion,
    DateTimeOffset StatusSince);

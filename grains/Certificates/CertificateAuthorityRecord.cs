using CardActors.Storage.Serialization;

namespace CardActors.Grains.Certificates;

/// <summary>
/// The CA's stored state: its certificate, its private key (PKCS#8, AES-GCM under the domain's
/// secret key, see SecretProtector), the certificates its CRL lists and the CRL it signed last. The
/// certificates it issued are grains of their own (IIssuedCertificateGrain), so the row does not
/// grow with issuance. Version 2; version 1 kept every certificate issued here
/// (<see cref="CertificateAuthorityRecordMigrations"/>).
/// </summary>
[StateVersion(2), OmitNulls]
public sealed record CertificateAuthorityRecord
{
    public byte[]? Certificate { get; init; }

    public string? EncryptedKey { get; init; }

    /// <summary>What the CRL lists (held and revoked certificates, cards' and members'), in the order they were listed.</summary>
    public IReadOnlyList<CrlEntryRecord> Listed { get; init; } = [];

    /// <summary>The number of <see cref="Crl"/>; every CRL signed gets the next one.</summary>
    public long CrlNumber { get; init; }

    public byte[]? Crl { get; init; }

    public DateTimeOffset? CrlSignedAt { get; init; }

    /// <summary>Card certificates of a version 1 row, which activation moves into their own grains (empty otherwise).</summary>
    public IReadOnlyList<CertificateRecord> UnmovedCards { get; init; } = [];

    /// <summary>Member certificates of a version 1 row, likewise.</summary>
    public IReadOnlyList<MemberCertificateRecord> UnmovedMembers { get; init; } = [];
}

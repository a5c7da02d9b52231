using CardActors.Grains.Internal;
using CardActors.Grains.Persistence;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CardActors.Grains.ClusterSecurity;
using CardActors.Grains.Security;
using Microsoft.Extensions.Logging;

namespace CardActors.Grains.Certificates;

/*
 * The cluster's certificate authority: one grain, so one CRL sequence and one key.
 *
 * Key. A P-256 key made on first use, stored only as PKCS#8 encrypted by SecretProtector (the
 * domain's secret key, associated data "ca:<grain key>"), so the database alone never yields it.
 * The self-signed certificate is stored next to it. Every silo with the same secret key can
 * activate the grain; losing the secret key loses the CA.
 *
 * Status. Certificates are issued valid; afterwards only their card says what they are
 * (CertificateStatusChange, from the card's outbox: at least once, possibly late). Each change
 * carries the card's version and is applied only over an older one, and revoked is final, so a
 * repeated or late change cannot bring a revoked certificate back or undo a newer hold.
 *
 * CRL. Signed anew in the same state write as every change that alters it, with the next CRL
 * number, so a CRL served always matches the statuses stored. It is valid for a week and signed
 * again on the first request after half of that, so relying parties never see an expired one from a
 * quiet CA. On hold entries carry reason certificateHold and leave the CRL when the card is active
 * again; revoked ones stay (until the certificate expires: then they are dropped).
 *
 * Members. The cluster's silos, API hosts and stations get certificates from the same CA, from a
 * PKCS#10 request their own key signed (so the key never leaves them), with a role's extended key
 * usage that card certificates never carry (ClusterCertificates). A member's certificate is valid
 * for a year and is revoked only by an admin, for good; it then goes on the same CRL. Silos read the
 * revoked serials (GetRevocationSnapshotAsync) to refuse revoked members at TLS and on every call.
 *
 * Size (issue 8: the cost of a use case does not grow with history). Each certificate issued is a
 * grain of its own (IIssuedCertificateGrain, key "<CA key>/<serial>") holding its card or member,
 * its status and the card version that set it. An issuance writes that one row and not the CA's; a
 * status change writes the changed certificates' rows and then, when the CRL changes, the CA's row.
 * The CA's row keeps its key, its certificate and what the CRL lists (CrlEntryRecord: held and
 * revoked certificates until they expire) with the CRL itself, so it grows with the certificates
 * currently on the CRL (about 150 bytes each, row and CRL together) and not with those issued. A CRL
 * is one signed list; a CA with hundreds of thousands of listed certificates would want partitioned
 * CRLs (an issuing distribution point per partition), each a grain like this one.
 *
 * Order of writes. The certificate's row is the truth of its status; the CA's list is derived
 * from it. A status change first writes the certificate, then the CA's list and CRL. If the second
 * write fails, the change is delivered again (the card's outbox) and the certificate answers with
 * its status unchanged: the CA compares its list with what the certificate says, not with whether
 * the certificate changed, so the CRL catches up. A member's revocation repeats the same way.
 *
 * Rows of version 1 held every certificate in the CA's row; activation moves them into their
 * grains (CertificateAuthorityRecordMigrations) before the CA answers anything.
 */

/// <summary>The cluster's CA (<see cref="ICertificateAuthorityGrain"/>).</summary>
[GrainType("certificate-authority")]
public sealed partial class CertificateAuthorityGrain : Grain, ICertificateAuthorityGrain
{
    private static readonly TimeSpan CrlValidity = TimeSpan.FromDays(7);
    private static readonly TimeSpan CertificateValidity = TimeSpan.FromDays(3 * 365);
    private static readonly TimeSpan MemberCertificateValidity = TimeSpan.FromDays(365);

    private readonly IPersistentState<CertificateAuthorityRecord> _state;
    private readonly SecretProtector _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger<CertificateAuthorityGrain> _logger;
    private X509Certificate2? _signer;

    public CertificateAuthorityGrain([PersistentState("certificate-authority")] IPersistentState<CertificateAuthorityRecord> state, SecretProtector secrets, TimeProvider time, ILogger<CertificateAuthorityGrain> logger)
    {
        _state = state;
        _secrets = secrets;
        _time = time;
        _logger = logger;
    }

    private string KeyContext => $"ca:{this.GetPrimaryKeyString()}";

    /// <summary>Certificates of a version 1 row moved at once: enough to overlap the writes, few enough for the storage.</summary>
    private const int MovesInFlight = 16;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var record = _state.State;
        if (record.UnmovedCards.Count == 0 && record.UnmovedMembers.Count == 0)
        {
            return;
        }

        // A row from before certificates had grains of their own: move them there, then list the held
        // and revoked ones and forget the rest. Storing a certificate twice (a move retried) is harmless.
        var moves = record.UnmovedCards.Select(c => (c.Serial, new IssuedCertificateRecord { Card = c }))
            .Concat(record.UnmovedMembers.Select(m => (m.Serial, new IssuedCertificateRecord { Member = m })));
        foreach (var chunk in moves.Chunk(MovesInFlight))
        {
            await Task.WhenAll(chunk.Select(move => IssuedCertificate(move.Serial).StoreAsync(move.Item2)));
        }

        var listed = record.UnmovedCards.Select(CrlEntryRecord.Of).Concat(record.UnmovedMembers.Select(CrlEntryRecord.Of)).OfType<CrlEntryRecord>().ToList();
        await WriteAsync(record with { Listed = [.. record.Listed, .. listed], UnmovedCards = [], UnmovedMembers = [] });
        Log.CertificatesMoved(_logger, record.UnmovedCards.Count, record.UnmovedMembers.Count, listed.Count);
    }

    private IIssuedCertificateGrain IssuedCertificate(string serial) => GrainFactory.GetGrain<IIssuedCertificateGrain>($"{this.GetPrimaryKeyString()}/{serial.ToUpperInvariant()}");

    /// <summary>Hex of at most 20 octets (RFC 5280): anything else is no serial of ours, and no grain is activated for it.</summary>
    private static bool IsSerial(string? serial) => serial is { Length: > 0 and <= 40 } && serial.All(char.IsAsciiHexDigit);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _signer?.Dispose();
        _signer = null;
        return Task.CompletedTask;
    }

    public async Task<byte[]> GetCertificateAsync()
    {
        await EnsureCreatedAsync();
        return _state.State.Certificate!;
    }

    public async Task<byte[]> GetCrlAsync()
    {
        await EnsureCreatedAsync();
        var record = _state.State;
        if (record.Crl is null || record.CrlSignedAt is not { } signedAt || _time.GetUtcNow() - signedAt > CrlValidity / 2)
        {
            await WriteAsync(WithNewCrl(record));
        }

        return _state.State.Crl!;
    }

    public async Task<IssuedCertificate> IssueAsync(CertificateIssueCommand command)
    {
        await EnsureCreatedAsync();
        PublicKey key;
        try
        {
            key = PublicKey.CreateFromSubjectPublicKeyInfo(command.SubjectPublicKeyInfo, out var read);
            if (read != command.SubjectPublicKeyInfo.Length)
            {
                throw new CryptographicException("Trailing bytes after the SubjectPublicKeyInfo.");
            }
        }
        catch (CryptographicException)
        {
            throw new ValidationFailedException("publicKey", "must be a DER SubjectPublicKeyInfo");
        }

        var isRsa = key.Oid.Value == "1.2.840.113549.1.1.1";
        CheckAlgorithm(key, isRsa, command.Algorithm);

        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("CardActors");
        subject.AddOrganizationalUnitName(command.Template);
        subject.AddCommonName(command.UserId ?? command.CardId);
        subject.Add("2.5.4.5", command.CardId);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        var signer = Signer();
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer, true, false));
        CertificateTemplates.Apply(request, command.Template, isRsa);

        var now = _time.GetUtcNow();
        using var ecdsa = signer.GetECDsaPrivateKey()!;
        using var certificate = request.Create(signer.SubjectName, X509SignatureGenerator.CreateForECDsa(ecdsa), now.AddMinutes(-5), now + CertificateValidity, NewSerial());
        var issued = new CertificateRecord(certificate.SerialNumber, command.CardId, command.JobId, command.Slot, command.Template, now, certificate.NotAfter.ToUniversalTime(), CertificateStatus.Valid, 0, now);
        await IssuedCertificate(issued.Serial).StoreAsync(new IssuedCertificateRecord { Card = issued });
        Log.Issued(_logger, issued.Serial, command.CardId, command.JobId, command.Slot, command.Template);
        return new IssuedCertificate(issued.Serial, command.Slot, command.Template, certificate.RawData);
    }

    public async Task SetStatusAsync(CertificateStatusChange change)
    {
        var now = _time.GetUtcNow();
        var serials = change.Serials.Where(IsSerial).Select(s => s.ToUpperInvariant()).Distinct().ToList();
        var certificates = await Task.WhenAll(serials.Select(s => IssuedCertificate(s).ApplyStatusAsync(change, now)));
        var listed = Relist(certificates.OfType<CertificateRecord>().Select(c => (c.Serial, CrlEntryRecord.Of(c))), now);
        if (listed is null)
        {
            // Nothing the CRL shows changed (a repeat, a late change, serials of another CA).
            return;
        }

        await EnsureCreatedAsync();
        await WriteAsync(WithNewCrl(_state.State with { Listed = listed }));
        Log.StatusChanged(_logger, change.CardId, change.Status, change.Serials.Count, _state.State.CrlNumber);
    }

    public async Task<CertificateStatus?> GetStatusAsync(string serial)
        => IsSerial(serial) ? (await IssuedCertificate(serial).GetAsync()).Card?.Status : null;

    public async Task<MemberCertificate> IssueMemberCertificateAsync(MemberCertificateRequest request)
    {
        if (!Enum.IsDefined(request.Role))
        {
            throw new ValidationFailedException("role", $"must be one of {string.Join(", ", Enum.GetNames<ClusterRole>())}");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64 || !request.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ValidationFailedException("name", "must be 1 to 64 letters, digits, '-', '_' or '.'");
        }

        CertificateRequest signingRequest;
        try
        {
            // Loading checks the request's signature: whoever sent it holds the key.
            signingRequest = CertificateRequest.LoadSigningRequest(request.SigningRequest, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pss);
        }
        catch (CryptographicException)
        {
            throw new ValidationFailedException("signingRequest", "must be a DER PKCS#10 request whose signature verifies");
        }

        await EnsureCreatedAsync();
        var key = signingRequest.PublicKey;
        var isRsa = key.Oid.Value == "1.2.840.113549.1.1.1";
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("CardActors");
        subject.AddOrganizationalUnitName(request.Role.ToString());
        subject.AddCommonName(request.Name);
        var certificateRequest = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        certificateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        certificateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(isRsa ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, true));
        certificateRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ClusterCertificates.ServerAuthOid), new Oid(ClusterCertificates.ClientAuthOid), new Oid(ClusterCertificates.RoleOid(request.Role))], false));
        certificateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        var signer = Signer();
        certificateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer, true, false));

        var now = _time.GetUtcNow();
        using var ecdsa = signer.GetECDsaPrivateKey()!;
        using var certificate = certificateRequest.Create(signer.SubjectName, X509SignatureGenerator.CreateForECDsa(ecdsa), now.AddMinutes(-5), now + MemberCertificateValidity, NewSerial());
        var issued = new MemberCertificateRecord(certificate.SerialNumber, request.Role, request.Name, now, certificate.NotAfter.ToUniversalTime(), null);
        await IssuedCertificate(issued.Serial).StoreAsync(new IssuedCertificateRecord { Member = issued });
        Log.MemberIssued(_logger, issued.Serial, request.Role, request.Name);
        return new MemberCertificate(issued.Serial, issued.Role, issued.Name, issued.NotAfter, certificate.RawData);
    }

    public async Task<bool> RevokeMemberCertificateAsync(string serial)
    {
        if (!IsSerial(serial) || (await IssuedCertificate(serial).GetAsync()).Member is not { } member)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var revoked = member.RevokedAt is null ? await IssuedCertificate(serial).RevokeMemberAsync(now) : member;
        // Also for one revoked before: its listing may be what a failed write of the CA lost.
        if (Relist([(member.Serial, CrlEntryRecord.Of(revoked!))], now) is { } listed)
        {
            await EnsureCreatedAsync();
            await WriteAsync(WithNewCrl(_state.State with { Listed = listed }));
        }

        if (member.RevokedAt is null)
        {
            Log.MemberRevoked(_logger, member.Serial, member.Role, member.Name, _state.State.CrlNumber);
        }

        return true;
    }

    public Task<RevocationSnapshot> GetRevocationSnapshotAsync()
    {
        var record = _state.State;
        return Task.FromResult(new RevocationSnapshot(record.CrlNumber, [.. record.Listed.Select(e => e.Serial.ToUpperInvariant())]));
    }

    /// <summary>
    /// The CRL's list with each certificate's entry as the certificate now needs it (none while valid,
    /// none for a revoked one that expired), or null when that changes nothing.
    /// </summary>
    private List<CrlEntryRecord>? Relist(IEnumerable<(string Serial, CrlEntryRecord? Entry)> certificates, DateTimeOffset now)
    {
        var listed = _state.State.Listed.ToList();
        var changed = false;
        foreach (var (serial, entry) in certificates)
        {
            var wanted = entry is not null && entry.IsListedAt(now) ? entry : null;
            var at = listed.FindIndex(e => string.Equals(e.Serial, serial, StringComparison.OrdinalIgnoreCase));
            var current = at >= 0 ? listed[at] : null;
            if (current == wanted)
            {
                continue;
            }

            changed = true;
            if (wanted is null)
            {
                listed.RemoveAt(at);
            }
            else if (current is null)
            {
                listed.Add(wanted);
            }
            else
            {
                listed[at] = wanted;
            }
        }

        return changed ? listed : null;
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40); // positive, and no leading zero for tools to drop
        return serial;
    }

    private static void CheckAlgorithm(PublicKey key, bool isRsa, string algorithm)
    {
        var expected = algorithm.ToUpperInvariant() switch
        {
            "RSA2048" => isRsa && key.GetRSAPublicKey() is { KeySize: 2048 },
            "ECCP256" => !isRsa && key.GetECDsaPublicKey() is { KeySize: 256 },
            "ECCP384" => !isRsa && key.GetECDsaPublicKey() is { KeySize: 384 },
            _ => true,
        };
        if (!expected)
        {
            throw new ValidationFailedException("publicKey", $"is not a {algorithm} key, which the slot's profile asks for");
        }
    }

    /// <summary>Makes the key and the self-signed certificate on first use (and the first CRL, so there is always one to serve).</summary>
    private async Task EnsureCreatedAsync()
    {
        if (_state.State.Certificate is not null)
        {
            return;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=CardActors Card CA, O=CardActors"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = _time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(20));
        var pkcs8 = key.ExportPkcs8PrivateKey();
        string encrypted;
        try
        {
            encrypted = _secrets.Protect(Convert.ToBase64String(pkcs8), KeyContext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        // The first CRL is signed with the new key, which Signer() reads from the state: set it, and
        // take it back if the write fails, so that a key nobody stored never signs anything.
        var before = _state.State;
        _state.State = before with { Certificate = certificate.RawData, EncryptedKey = encrypted };
        try
        {
            await WriteAsync(WithNewCrl(_state.State));
        }
        catch
        {
            _state.State = before;
            _signer?.Dispose();
            _signer = null;
            throw;
        }

        Log.Created(_logger, certificate.Subject, certificate.Thumbprint);
    }

    /// <summary>The CA certificate with its private key, decrypted once per activation.</summary>
    private X509Certificate2 Signer()
    {
        if (_signer is not null)
        {
            return _signer;
        }

        var record = _state.State;
        var pkcs8 = Convert.FromBase64String(_secrets.Unprotect(record.EncryptedKey!, KeyContext));
        try
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            using var certificate = X509CertificateLoader.LoadCertificate(record.Certificate!);
            _signer = certificate.CopyWithPrivateKey(key);
            return _signer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary><paramref name="record"/> with a CRL of its statuses, signed now under the next CRL number.</summary>
    private CertificateAuthorityRecord WithNewCrl(CertificateAuthorityRecord record)
    {
        var now = _time.GetUtcNow();
        var builder = new CertificateRevocationListBuilder();
        var listed = record.Listed.Where(e => e.IsListedAt(now)).ToList();
        foreach (var entry in listed)
        {
            builder.AddEntry(Convert.FromHexString(entry.Serial), entry.Since,
                entry.Status == CertificateStatus.OnHold ? X509RevocationReason.CertificateHold : X509RevocationReason.CessationOfOperation);
        }

        var number = record.CrlNumber + 1;
        var crl = builder.Build(Signer(), new BigInteger(number), now + CrlValidity, HashAlgorithmName.SHA256, thisUpdate: now);
        return record with { Listed = listed, Crl = crl, CrlNumber = number, CrlSignedAt = now };
    }

    /// <summary>A certificate or CRL nobody stored must not be served.</summary>
    private Task WriteAsync(CertificateAuthorityRecord next) => _state.WriteOrKeepAsync(next);

    private static partial class Log
    {
        [LoggerMessage(1301, LogLevel.Information, "Certificate authority created: {Subject}, thumbprint {Thumbprint}")]
        public static partial void Created(ILogger logger, string subject, string thumbprint);

        [LoggerMessage(1302, LogLevel.Information, "Issued certificate {Serial} for card {CardId}, job {JobId}, slot {Slot}, template {Template}")]
        public static partial void Issued(ILogger logger, string serial, string cardId, string jobId, string slot, string template);

        [LoggerMessage(1303, LogLevel.Information, "Certificates of card {CardId} are now {Status} ({Count}); CRL number {CrlNumber}")]
        public static partial void StatusChanged(ILogger logger, string cardId, CertificateStatus status, int count, long crlNumber);

        [LoggerMessage(1304, LogLevel.Information, "Issued member certificate {Serial} to {Role} {Name}")]
        public static partial void MemberIssued(ILogger logger, string serial, ClusterRole role, string name);

        [LoggerMessage(1305, LogLevel.Warning, "Revoked member certificate {Serial} of {Role} {Name}; CRL number {CrlNumber}")]
        public static partial void MemberRevoked(ILogger logger, string serial, ClusterRole role, string name, long crlNumber);

        [LoggerMessage(1306, LogLevel.Information, "Certificate authority moved {Cards} card and {Members} member certificates of a version 1 row into their own grains; {Listed} are on its CRL")]
        public static partial void CertificatesMoved(ILogger logger, int cards, int members, int listed);
    }
}

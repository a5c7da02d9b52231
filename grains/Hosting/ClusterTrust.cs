using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Grains.ClusterSecurity;
using Microsoft.Extensions.Options;

namespace CardActors.Grains.Hosting;

/// <summary>
/// One silo's knowledge for checking members: the CA, the revoked serials (refreshed from the CA grain
/// by <see cref="RevocationRefresher"/>), the certificates already verified, and the nonces seen.
/// Used by the TLS handshakes of the silo's gateway and silo links and by <see cref="CallerIdentityFilter"/>.
/// </summary>
public sealed class ClusterTrust(IOptions<ClusterTrustOptions> options, TimeProvider time)
{
    private const int MaxCachedCertificates = 10_000;
    private static readonly TimeSpan VerifiedFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (ProvenCaller Caller, X509Certificate2 Certificate, DateTimeOffset VerifiedAt)> _verified = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, long> _nonces = [];
    private long _nextSweep;
    private readonly TaskCompletionSource _revocationsRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile HashSet<string>? _revoked;

    public ClusterTrustOptions Options { get; } = options.Value;

    /// <summary>Whether the silo checks members at all (a CA is configured).</summary>
    public bool Enabled => Options.Ca is not null;

    /// <summary>Whether the revoked serials were read at least once since the silo started.</summary>
    public bool RevocationsKnown => _revoked is not null;

    public bool IsRevoked(string serial) => _revoked?.Contains(serial.ToUpperInvariant()) == true;

    public void SetRevocations(RevocationSnapshot snapshot)
    {
        _revoked = snapshot.Serials.Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        _revocationsRead.TrySetResult();
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until the revoked serials were read once.</summary>
    private async Task WaitForRevocationsAsync(TimeSpan timeout)
    {
        try
        {
            await _revocationsRead.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Verify refuses the call, saying why.
        }
    }

    /// <summary>
    /// Why a TLS peer may not connect, or null. Silos are let in before the revoked serials are known
    /// (the silos must form the cluster that holds the CA grain); every other member waits for them.
    /// </summary>
    public string? CheckPeer(X509Certificate2 certificate, IReadOnlyCollection<ClusterRole> roles)
    {
        var ca = Options.Ca ?? throw new InvalidOperationException("No cluster CA is configured.");
        var reason = ClusterCertificates.Check(certificate, ca, roles, IsRevoked, time.GetUtcNow());
        if (reason is null && !RevocationsKnown && ClusterCertificates.RoleOf(certificate) != ClusterRole.Silo)
        {
            return "the silo has not read the cluster's revoked certificates yet: try again shortly";
        }

        return reason;
    }

    /// <summary>The member that signed <paramref name="proof"/> for this call; throws <c>caller.unauthenticated</c> or <c>caller.replayed</c>.</summary>
    public async Task<ProvenCaller> VerifyAsync(CallerProof proof, GrainId target, string interfaceName, string methodName)
    {
        var (caller, certificate) = Member(proof.Certificate, time.GetUtcNow());
        if (caller.Role != ClusterRole.Silo && !RevocationsKnown)
        {
            // A silo that just started holds such calls a moment rather than refusing them.
            await WaitForRevocationsAsync(TimeSpan.FromSeconds(10));
        }

        var now = time.GetUtcNow();
        if (caller.Role != ClusterRole.Silo && !RevocationsKnown)
        {
            throw Unauthenticated("the silo has not read the cluster's revoked certificates yet: try again shortly");
        }

        if (IsRevoked(caller.Serial))
        {
            throw Unauthenticated($"the certificate of {caller.Role} {caller.Name} ({caller.Serial}) is revoked");
        }

        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(proof.SignedAt);
        if (age.Duration() > Options.MaxClockSkew)
        {
            throw Unauthenticated($"the call was signed {age.TotalSeconds:F0} s from the silo's time; at most {Options.MaxClockSkew.TotalSeconds:F0} s is accepted (check the clocks)");
        }

        if (!CallerProofs.VerifySignature(certificate, proof, target, interfaceName, methodName))
        {
            throw Unauthenticated($"the signature does not verify with the certificate of {caller.Role} {caller.Name} for {interfaceName}.{methodName} on {target}");
        }

        // Last, so that only a call that verified spends its nonce.
        Remember(proof.Nonce, now);
        return caller;
    }

    /// <summary>The member a certificate names, checked against the CA once and then kept for a while (its revocation is checked on every call).</summary>
    private (ProvenCaller Caller, X509Certificate2 Certificate) Member(byte[] der, DateTimeOffset now)
    {
        var key = Convert.ToBase64String(SHA256.HashData(der));
        if (_verified.TryGetValue(key, out var known) && now - known.VerifiedAt < VerifiedFor && now < known.Certificate.NotAfter)
        {
            return (known.Caller, known.Certificate);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw Unauthenticated("the proof's certificate does not parse");
        }

        var reason = ClusterCertificates.Check(certificate, Options.Ca!, Enum.GetValues<ClusterRole>(), _ => false, now);
        if (reason is not null)
        {
            certificate.Dispose();
            throw Unauthenticated(reason);
        }

        var caller = new ProvenCaller(ClusterCertificates.RoleOf(certificate)!.Value, ClusterCertificates.NameOf(certificate), certificate.SerialNumber);
        if (_verified.Count >= MaxCachedCertificates)
        {
            _verified.Clear();
        }

        _verified[key] = (caller, certificate, now);
        return (caller, certificate);
    }

    private void Remember(Guid nonce, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var keep = (long)(2 * Options.MaxClockSkew.TotalMilliseconds);
        lock (_nonces)
        {
            if (nowMs >= _nextSweep)
            {
                foreach (var old in _nonces.Where(n => n.Value < nowMs).Select(n => n.Key).ToList())
                {
                    _nonces.Remove(old);
                }

                _nextSweep = nowMs + keep / 4;
            }

            if (!_nonces.TryAdd(nonce, nowMs + keep))
            {
                throw new DomainException(ErrorCodes.CallerReplayed, ErrorKind.Unauthorized, $"This signed call (nonce {nonce:N}) was received before: a replayed call is refused.",
                    new Dictionary<string, string> { ["nonce"] = nonce.ToString("N") });
            }
        }
    }

    internal static DomainException Unauthenticated(string reason)
        => new(ErrorCodes.CallerUnauthenticated, ErrorKind.Unauthorized, $"The caller is not a proven member of the cluster: {reason}.", new Dictionary<string, string> { ["reason"] = reason });
}

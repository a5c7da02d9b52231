using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CardActors.Grains.ClusterSecurity;
using CardActors.Grains.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace CardActors.Silo;

/*
 * Mutual TLS between the members of a cluster (Microsoft.Orleans.Connections.Security).
 *
 * Every member holds a certificate from the cluster's CA grain (POST /cluster/certificates, from a
 * PKCS#10 request: the key never leaves the member) with its role: Silo, ApiHost or Station
 * (ClusterCertificates). The CA's own certificate is configured, not fetched: the silos must check
 * each other before the cluster that holds the CA grain exists.
 *
 * - Silo-to-silo links, both ways: only certificates with the Silo role.
 * - Gateway: silos, API hosts and stations. A revoked member (its serial on the CA's CRL, which the
 *   silo reads every few seconds) is refused at the handshake; members other than silos wait until
 *   the silo has read the list once.
 * - Host names are not checked: silos are reached at the addresses in the membership table, and the
 *   CA and the role say who is at the other end.
 *
 * TLS keeps strangers out, but a grain never learns which member called it; every client call is
 * therefore also signed (CallerIdentityFilter), and the silo signs the calls of its own HTTP API with
 * its certificate. Orleans' plain UseTls applies one validation to all three link kinds, so the
 * connection builders are configured here one by one.
 */
public static class ClusterTls
{
    private static readonly ClusterRole[] SiloOnly = [ClusterRole.Silo];
    private static readonly ClusterRole[] Members = Enum.GetValues<ClusterRole>();

    internal static ISiloBuilder UseCardActorsTls(this ISiloBuilder silo, ClusterTlsSettings settings)
    {
        var (certificate, ca) = Load(settings, ClusterRole.Silo);
        silo.Services.AddCardActorsClusterTrust(o =>
        {
            o.Ca = ca;
            o.RequireCallerProof = settings.RequireCallerProof;
        });
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(b => b.UseServerTls(Options(certificate, Trust(b), SiloOnly)));
            connections.ConfigureGatewayInboundConnection(b => b.UseServerTls(Options(certificate, Trust(b), Members)));
            connections.ConfigureSiloOutboundConnection(b => b.UseClientTls(Options(certificate, Trust(b), SiloOnly)));
        });
        silo.AddOutgoingGrainCallFilter(new CallerProofSigner(certificate, TimeProvider.System));
        return silo;
    }

    /// <summary>The member's certificate and the CA's; throws <see cref="OptionsValidationException"/> naming the setting when either cannot be used.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2 Ca) Load(ClusterTlsSettings settings, ClusterRole role)
    {
        const string section = ClusterSettings.SectionName + ":Tls";
        X509Certificate2 certificate;
        X509Certificate2 ca;
        try
        {
            certificate = ClusterCertificates.LoadWithKey(settings.CertificatePath!, settings.CertificateKeyPath, settings.CertificatePassword);
            ca = ClusterCertificates.LoadCa(settings.CaCertificatePath!);
        }
        catch (CryptographicException exception)
        {
            throw new OptionsValidationException(section, typeof(ClusterTlsSettings), [$"{section}: the certificate cannot be loaded ({exception.Message}); check CertificatePath, CertificateKeyPath, CertificatePassword and CaCertificatePath."]);
        }

        var reason = ClusterCertificates.Check(certificate, ca, [role], _ => false, DateTimeOffset.UtcNow);
        return reason is null
            ? (certificate, ca)
            : throw new OptionsValidationException(section, typeof(ClusterTlsSettings), [$"{section}:CertificatePath is not a {role}'s certificate from the configured CA: {reason}."]);
    }

    private static ClusterTrust Trust(Microsoft.AspNetCore.Connections.IConnectionBuilder builder) => builder.ApplicationServices.GetRequiredService<ClusterTrust>();

    private static TlsOptions Options(X509Certificate2 certificate, ClusterTrust trust, ClusterRole[] roles) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (peer, _, _) => trust.CheckPeer(peer, roles) is null,
    };
}

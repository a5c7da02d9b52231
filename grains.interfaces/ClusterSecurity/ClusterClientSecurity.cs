using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace CardActors.Grains.ClusterSecurity;

/// <summary>The security of a cluster client (an API host, a station): TLS with its certificate to the gateways, and every call signed.</summary>
public static class ClusterClientSecurity
{
    /// <summary>
    /// Connects over TLS with <paramref name="certificate"/> (a member's, with its key), accepts only
    /// gateways whose certificate is a silo's from <paramref name="ca"/>, and signs every call
    /// (<see cref="CallerProofSigner"/>), so that the silo knows which member made it.
    /// </summary>
    public static IClientBuilder UseCardActorsClusterSecurity(this IClientBuilder client, X509Certificate2 certificate, X509Certificate2 ca)
    {
        if (ClusterCertificates.RoleOf(certificate) is null)
        {
            throw new ArgumentException($"Certificate {certificate.Subject} is not a cluster member's (no role): enrol it with the cluster's CA.", nameof(certificate));
        }

        client.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateValidation = (gateway, _, _) => ClusterCertificates.Check(gateway, ca, [ClusterRole.Silo], _ => false, DateTimeOffset.UtcNow) is null;
        });
        client.AddOutgoingGrainCallFilter(new CallerProofSigner(certificate, TimeProvider.System));
        return client;
    }
}

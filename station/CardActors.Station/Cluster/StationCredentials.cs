using System.Security.Cryptography.X509Certificates;
using CardActors.Grains.ClusterSecurity;

namespace CardActors.Station.Cluster;

/// <summary>The station's certificate from the cluster's CA (with its key) and the CA's certificate, which the gateways must chain to.</summary>
internal sealed record StationCredentials(X509Certificate2 Certificate, X509Certificate2 Ca) : IDisposable
{
    public const string PasswordVariable = "CARDACTORS_STATION_CERTIFICATE_PASSWORD";

    /// <summary>
    /// Loads <paramref name="certificatePath"/> (PKCS#12, or PEM with the key in <paramref name="keyPath"/>
    /// or the same file; password from <see cref="PasswordVariable"/>) and checks that it is the
    /// certificate of station <paramref name="stationId"/> from the CA in <paramref name="caPath"/>.
    /// </summary>
    public static StationCredentials Load(string certificatePath, string? keyPath, string caPath, string stationId)
    {
        var certificate = ClusterCertificates.LoadWithKey(certificatePath, keyPath, Environment.GetEnvironmentVariable(PasswordVariable));
        var ca = ClusterCertificates.LoadCa(caPath);
        var reason = ClusterCertificates.Check(certificate, ca, [ClusterRole.Station], _ => false, DateTimeOffset.UtcNow)
            ?? (ClusterCertificates.NameOf(certificate) == stationId ? null : $"it is station {ClusterCertificates.NameOf(certificate)}'s, not {stationId}'s");
        if (reason is not null)
        {
            certificate.Dispose();
            ca.Dispose();
            throw new InvalidOperationException($"{certificatePath} cannot be used: {reason}.");
        }

        return new StationCredentials(certificate, ca);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Ca.Dispose();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CardActors.Grains.ClusterSecurity;

namespace CardActors.Tests.Support;

/// <summary>Enrols a cluster member as an operator does: a key made here, a PKCS#10 request, <c>POST /cluster/certificates</c> as an admin.</summary>
public static class ClusterEnrolment
{
    /// <summary>A member's certificate from the cluster's CA, with its key (made here), and the CA's PEM.</summary>
    public static async Task<(X509Certificate2 Certificate, string CaPem)> EnrolAsync(HttpClient admin, ClusterRole role, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var response = await admin.PostAsJsonAsync("/cluster/certificates", new { role = role.ToString(), name, signingRequest = request });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /cluster/certificates: {(int)response.StatusCode} {body}");
        }

        var issued = JsonDocument.Parse(body).RootElement;
        using var certificate = X509Certificate2.CreateFromPem(issued.GetProperty("certificate").GetString());
        using var withKey = certificate.CopyWithPrivateKey(key);
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, ""), ""), issued.GetProperty("caCertificate").GetString()!);
    }
}

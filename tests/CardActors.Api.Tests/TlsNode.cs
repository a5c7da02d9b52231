using System.Net;
using System.Security.Cryptography.X509Certificates;
using CardActors.Grains.ClusterSecurity;
using CardActors.Station.Cluster;
using CardActors.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CardActors.Api.Tests;

/// <summary>
/// A node whose gateway runs mutual TLS, set up as an operator would: the node starts without TLS,
/// an admin enrols the node (role Silo) and stations A, B and R with the cluster's CA over HTTP (each
/// from a PKCS#10 request made with a key that stays here), revokes R, then the node restarts with
/// <c>CardActors:Cluster:Tls</c> pointing at its PKCS#12 file (password from configuration) and the CA's PEM.
/// </summary>
public sealed class TlsNode : IAsyncLifetime
{
    private const string Password = "tls-test-password";
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("cardactors-tls-");
    private ApiHost? _host;

    public ApiHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public X509Certificate2 Ca { get; private set; } = null!;

    public X509Certificate2 StationA { get; private set; } = null!;

    public X509Certificate2 StationB { get; private set; } = null!;

    public X509Certificate2 StationRevoked { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartWithGatewayAsync();
        using var admin = Host.Client(TestKeys.Admin);
        var (node, caPem) = await ClusterEnrolment.EnrolAsync(admin, ClusterRole.Silo, "node-1");
        Ca = X509Certificate2.CreateFromPem(caPem);
        StationA = (await ClusterEnrolment.EnrolAsync(admin, ClusterRole.Station, "station-a")).Certificate;
        StationB = (await ClusterEnrolment.EnrolAsync(admin, ClusterRole.Station, "station-b")).Certificate;
        StationRevoked = (await ClusterEnrolment.EnrolAsync(admin, ClusterRole.Station, "station-r")).Certificate;
        using (var revoked = await admin.PostAsync($"/cluster/certificates/{StationRevoked.SerialNumber}/revocation", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var p12 = Path.Combine(_files.FullName, "node.p12");
        var ca = Path.Combine(_files.FullName, "ca.pem");
        await File.WriteAllBytesAsync(p12, node.Export(X509ContentType.Pkcs12, Password));
        await File.WriteAllTextAsync(ca, caPem);
        await Host.RestartAsync(new Dictionary<string, string?>
        {
            ["CardActors:Cluster:Tls:CertificatePath"] = p12,
            ["CardActors:Cluster:Tls:CertificatePassword"] = Password,
            ["CardActors:Cluster:Tls:CaCertificatePath"] = ca,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _files.Delete(recursive: true);
    }

    /// <summary>A job for a new card, issued through HTTP by the node's own (signed) client.</summary>
    public async Task<(string CardId, string JobId)> NewJobAsync()
    {
        using var operatorClient = Host.Client(TestKeys.Operator);
        var id = (await operatorClient.RequestCardAsync(await operatorClient.CreateUserAsync(), "contractor")).Id();
        return (id, (await operatorClient.PostAsync($"/cards/{id}/issuance", new { })).JobId());
    }

    /// <summary>The station's own cluster client (mutual TLS, signed calls) to this node's gateway.</summary>
    internal Task<StationClusterClient> StationAsync(X509Certificate2 certificate, TimeSpan connectTimeout = default)
        => StationClusterClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Host.GatewayPort), null, "cardactors", "cardactors", LogLevel.Critical, CancellationToken.None,
            new StationCredentials(certificate, Ca), connectTimeout);

    /// <summary>A cluster client of the test's own making, to the gateway: for clients that are not what a station is.</summary>
    public async Task<IHost> RawClientAsync(Action<IClientBuilder> configure, TimeSpan? startTimeout = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, Host.GatewayPort));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("cardactors", "cardactors"));
            // One try: a refused client fails at once rather than retrying.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            configure(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(startTimeout ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}

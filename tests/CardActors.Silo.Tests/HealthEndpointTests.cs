using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CardActors.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CardActors.Silo.Tests;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("cardactors-health-");
    private readonly int _gatewayPort = FreePorts.Next();

    [Fact]
    public async Task The_embedded_default_creates_its_SQLite_file_and_reports_healthy()
    {
        await using var factory = Node();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(_dataDirectory.FullName, "cardactors.db")));
    }

    [Fact]
    public async Task The_embedded_gateway_listens_on_loopback_only()
    {
        await using var factory = Node();
        _ = factory.Server;

        using (var local = new TcpClient())
        {
            await local.ConnectAsync(IPAddress.Loopback, _gatewayPort);
            Assert.True(local.Connected);
        }

        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(l => l.Port == _gatewayPort).ToList();
        Assert.NotEmpty(listeners);
        Assert.All(listeners, l => Assert.True(IPAddress.IsLoopback(l.Address), $"The gateway listens on {l.Address}."));
    }

    private WebApplicationFactory<Program> Node() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseSetting("CardActors:Storage:DataDirectory", _dataDirectory.FullName);
        web.UseSetting("CardActors:Cluster:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        web.UseSetting("CardActors:Cluster:GatewayPort", _gatewayPort.ToString(CultureInfo.InvariantCulture));
    });

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}

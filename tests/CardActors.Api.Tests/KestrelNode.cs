using CardActors.Silo;
using CardActors.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CardActors.Api.Tests;

/// <summary>
/// The embedded node built the way Program builds it, but listening on a real loopback port: a
/// browser cannot reach WebApplicationFactory's in-memory server.
/// </summary>
public sealed class KestrelNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _dataDirectory;

    private KestrelNode(WebApplication app, DirectoryInfo dataDirectory, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<KestrelNode> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cardactors-kestrel-");
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(
        [
            new("CardActors:Storage:DataDirectory", dataDirectory.FullName),
            new("CardActors:Cluster:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("CardActors:Cluster:GatewayPort", "0"),
            new("CardActors:Logging:Json", "false"),
            new("Logging:LogLevel:Default", "Warning"),
            .. TestKeys.Settings(),
        ]);
        builder.WebHost.UseUrls(address.ToString());
        builder.AddCardActorsNode();
        var app = builder.Build();
        app.MapCardActorsNode();
        await app.StartAsync();
        return new KestrelNode(app, dataDirectory, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection: the temp folder is cleaned by the OS.
        }
    }
}

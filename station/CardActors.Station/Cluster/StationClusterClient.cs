using System.Net;
using System.Security.Cryptography.X509Certificates;
using CardActors.Grains.ClusterSecurity;
using CardActors.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CardActors.Station.Cluster;

/// <summary>
/// The station as an Orleans cluster client: to a gateway given by address (the embedded node's
/// loopback gateway, 127.0.0.1:30000, by default) or to the gateways a PostgreSQL cluster lists in
/// its membership table. Cluster and service id are the silos' defaults ("cardactors").
/// With a station certificate from the cluster's CA it connects over mutual TLS and signs every call
/// (<see cref="ClusterClientSecurity"/>), which a cluster with TLS requires. It waits for a gateway at
/// start, with back-off, up to <c>connectTimeout</c>; afterwards Orleans reconnects by itself when the
/// gateways come back (the gateway list is read again every few seconds), and
/// <see cref="OrleansProductionJobClient"/> retries the calls that failed meanwhile.
/// </summary>
internal sealed class StationClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private StationClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<StationClusterClient> ConnectAsync(IPEndPoint? gateway, string? postgres, string clusterId, string serviceId, LogLevel logLevel, CancellationToken cancellationToken,
        StationCredentials? credentials = null, TimeSpan connectTimeout = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);

        // A gateway that cannot be reached is said in one line by the caller, not with the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", logLevel <= LogLevel.Information ? logLevel : LogLevel.None);
        var backOff = new BackOff(connectTimeout);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            if (postgres is not null)
            {
                client.UseCardActorsPostgreSqlClustering(postgres);
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            }
            else
            {
                client.UseStaticClustering(gateway ?? new IPEndPoint(IPAddress.Loopback, 30000));
            }

            if (credentials is not null)
            {
                client.UseCardActorsClusterSecurity(credentials.Certificate, credentials.Ca);
            }

            client.UseConnectionRetryFilter((_, token) => backOff.WaitAsync(token));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new StationClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}

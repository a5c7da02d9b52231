using CardActors.Api;
using CardActors.Api.Dashboard;
using CardActors.Grains.ClusterSecurity;
using CardActors.Grains.Hosting;
using CardActors.Silo;
using CardActors.Storage.PostgreSql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace CardActors.ApiHost;

/*
 * The API host is a cluster client, not a silo: it hosts no grain and keeps no state of its own.
 *
 * It reads the same settings as a silo (CardActors:Storage and CardActors:Cluster). With PostgreSQL
 * clustering it finds the gateways in the membership table and refreshes that list every few
 * seconds, so a silo that dies is dropped and a new one is used; a call in flight to a dying silo
 * fails (503 to the HTTP caller, who retries with the same idempotency key). With localhost
 * clustering it connects to the gateway of a silo on the same machine. At start it waits for a
 * gateway, retrying, so that it can be started before the silos.
 *
 * Search and audit queries run here, on a read connection of the API host's own to the domain's
 * tables, not in a grain: a query that scans rows then never holds a silo's threads.
 */
public static class ApiHostBuilder
{
    public static WebApplicationBuilder AddCardActorsApiHost(this WebApplicationBuilder builder)
    {
        var storage = SiloHost.ReadStorageOptions(builder.Configuration);
        var cluster = SiloHost.ReadClusterSettings(builder.Configuration, storage);
        SiloHost.UseJsonLogs(builder);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (cluster.ParsedProvider == ClusterProvider.PostgreSql)
            {
                client.UseCardActorsPostgreSqlClustering(storage.ResolveConnectionString());
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            }
            else
            {
                client.UseStaticClustering(new System.Net.IPEndPoint(cluster.ParsedAdvertisedAddress, cluster.GatewayPort));
            }

            if (cluster.Tls.Enabled)
            {
                // Mutual TLS to the gateways, and every call signed as this API host (see silo/ClusterTls.cs).
                var (certificate, ca) = ClusterTls.Load(cluster.Tls, ClusterRole.ApiHost);
                client.UseCardActorsClusterSecurity(certificate, ca);
            }

            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
            client.UseConnectionRetryFilter(RetryUntilStopped);
            // Shows what the silos' dashboards collect (every silo adds it, see SiloHost.AddSilo).
            client.AddDashboard();
        });
        builder.Services.AddCardActorsDomainQueries(storage.DomainProvider, storage.ResolveConnectionString());
        builder.Services.AddCardActorsApi(builder.Configuration);
        builder.Services.AddCardActorsDashboardSignIn();
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        return builder;
    }

    public static WebApplication MapCardActorsApiHost(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapCardActorsApi();
        app.MapCardActorsDashboard();
        return app;
    }

    /// <summary>Waits for a gateway at start, a second between tries, until the host stops.</summary>
    private static async Task<bool> RetryUntilStopped(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}

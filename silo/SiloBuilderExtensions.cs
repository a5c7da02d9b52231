using Orleans.Configuration;

namespace CardActors.Silo;

/// <summary>The Orleans set-up of a CardActors silo, from its settings.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Membership and endpoints. Localhost clustering keeps the silo and its gateway on loopback, so
    /// that a station on the same machine can connect and nothing else can. PostgreSQL membership lets
    /// several silos share one database; its failure detector is tuned in <see cref="ClusterTuning"/>.
    /// </summary>
    public static ISiloBuilder UseCardActorsCluster(this ISiloBuilder silo, ClusterSettings cluster, StorageOptions storage)
    {
        switch (cluster.ParsedProvider)
        {
            case ClusterProvider.PostgreSql:
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                silo.ConfigureEndpoints(cluster.ParsedAdvertisedAddress, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
                silo.UseCardActorsPostgreSqlClustering(storage.ResolveConnectionString());
                silo.Configure<ClusterMembershipOptions>(ClusterTuning.ForProductionLine);
                break;
            default:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;
        }

        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = cluster.CollectionAge);
        return silo;
    }

    /// <summary>Grain state and reminders in the configured database, both stored as JSON by our serializer.</summary>
    public static ISiloBuilder UseCardActorsStorage(this ISiloBuilder silo, StorageOptions storage)
    {
        switch (storage.ParsedProvider)
        {
            case StorageProvider.PostgreSql:
                silo.UseCardActorsPostgreSqlStorage(storage.ResolveConnectionString());
                break;
            default:
                var connectionString = storage.ResolveConnectionString();
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                silo.UseCardActorsSqliteStorage(connectionString);
                break;
        }

        return silo;
    }
}

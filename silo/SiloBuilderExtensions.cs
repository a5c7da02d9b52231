using CardActors.Storage.PostgreSql;
using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;
using Orleans.Configuration;

namespace CardActors.Silo;

/// <summary>The Orleans set-up of a CardActors silo, from its settings.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Membership and endpoints. Localhost clustering keeps the silo and its gateway on loopback, so
    /// that a station on the same machine can connect and nothing else can. PostgreSQL membership lets
    /// several silos share one database; its failure detector is tuned in <see cref="ClusterTuning"/>.
    /// With <c>CardActors:Cluster:Tls</c> the links and the gateway take only the cluster's members (<see cref="ClusterTls"/>).
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
                silo.Configure<ClusterMembershipOptions>(ClusterTuning.ForProductionLine);
                break;
            default:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;
        }

        if (cluster.Tls.Enabled)
        {
            silo.UseCardActorsTls(cluster.Tls);
        }

        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = cluster.CollectionAge);
        return silo;
    }

    /// <summary>
    /// Grain state and reminders in the configured database, state stored as JSON by our serializer.
    /// On PostgreSQL the schema (ours, and the query rows Orleans' ADO.NET providers read) is created
    /// or migrated at start, and membership lives there too when the cluster is on PostgreSQL.
    /// </summary>
    public static ISiloBuilder UseCardActorsStorage(this ISiloBuilder silo, StorageOptions storage, ClusterSettings cluster)
    {
        var connectionString = storage.ResolveConnectionString();
        if (storage.ParsedProvider == StorageProvider.PostgreSql)
        {
            return silo.UseCardActorsPostgreSql(connectionString, o => o.UseClustering = cluster.ParsedProvider == ClusterProvider.PostgreSql);
        }

        var database = new SqliteDatabaseOptions { Synchronous = storage.ParsedSqliteSynchronous };
        return silo.AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o =>
            {
                o.ConnectionString = connectionString;
                o.Database = database;
            })
            .UseSqliteReminders(o =>
            {
                o.ConnectionString = connectionString;
                o.Database = database;
            });
    }
}

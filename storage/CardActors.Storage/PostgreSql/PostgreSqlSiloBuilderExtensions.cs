using CardActors.Storage.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;
using JsonGrainStorageSerializer = CardActors.Storage.Serialization.JsonGrainStorageSerializer;

namespace CardActors.Storage.PostgreSql;

public static class PostgreSqlSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Runs the silo on PostgreSQL with Orleans' own ADO.NET providers: clustering, reminders and
    /// grain storage (the default one unless configured otherwise), with <see cref="JsonGrainStorageSerializer"/>
    /// and grain-type-scoped rows. The schema is created or migrated at the silo's first lifecycle
    /// stage, before any provider starts.
    /// </summary>
    public static ISiloBuilder UseCardActorsPostgreSql(this ISiloBuilder builder, string connectionString, Action<CardActorsPostgreSqlOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new CardActorsPostgreSqlOptions();
        configure?.Invoke(options);
        var services = builder.Services;

        if (options.EnsureSchemaAtStart)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
                new PostgreSqlSchemaInitializer(connectionString, sp.GetRequiredService<ILogger<PostgreSqlSchemaInitializer>>()));
        }

        if (options.UseClustering)
        {
            builder.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }

        if (options.UseReminders)
        {
            builder.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }

        if (options.UseGrainStorage)
        {
            builder.AddCardActorsStateSerializer();
            var name = options.GrainStorageName;
            services.AddAdoNetGrainStorage(name, o => o.Configure<JsonGrainStorageSerializer>((storage, serializer) =>
            {
                storage.Invariant = Invariant;
                storage.ConnectionString = connectionString;
                storage.GrainStorageSerializer = serializer;
            }));

            // Registered after AddAdoNetGrainStorage's own keyed registration, so this one is resolved;
            // its lifecycle registration resolves the keyed service and so starts the wrapper, which starts the inner one.
            services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new GrainTypeScopedGrainStorage(
                AdoNetGrainStorageFactory.Create(sp, name), connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        }

        return builder;
    }

    /// <summary>
    /// For a cluster client (the API host): reads the gateways of the cluster from the PostgreSQL
    /// membership table. The silos create the schema; a client that may start before any silo ever
    /// ran can call <see cref="PostgreSqlSchema.EnsureAsync(string, ILogger?, CancellationToken)"/> first.
    /// </summary>
    public static IClientBuilder UseCardActorsPostgreSqlClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }
}

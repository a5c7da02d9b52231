using CardActors.Grains.Cards;
using CardActors.Grains.Certificates;
using CardActors.Grains.Outbox;
using CardActors.Grains.Persistence;
using CardActors.Grains.Production;
using CardActors.Grains.Security;
using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Storage;

namespace CardActors.Grains.Hosting;

public static class DomainSiloBuilderExtensions
{
    /// <summary>
    /// Hosts the card management domain in the silo: its grains; the audit, search and outbox tables
    /// (created or migrated at start, in the database given by <see cref="CardActorsDomainOptions.DatabaseProvider"/>
    /// and <see cref="CardActorsDomainOptions.ConnectionString"/>, which should be the grain storage's);
    /// the outbox sweeper; the external producer (HTTP when <c>ExternalProduction:ProducerUrl</c> is
    /// set, else the simulated one); the dispatcher; and the services <see cref="IAuditTrail"/>,
    /// <see cref="ICardSearch"/> and <see cref="IDemoSeeder"/>. Settings: section <c>CardActors:Domain</c>,
    /// then <paramref name="configure"/>. The grain storage itself stays the host's choice.
    /// </summary>
    public static ISiloBuilder AddCardActorsDomain(this ISiloBuilder builder, Action<CardActorsDomainOptions>? configure = null)
    {
        var services = builder.Services;
        var options = services.AddOptions<CardActorsDomainOptions>().BindConfiguration(CardActorsDomainOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CardActorsDomainOptions>, DomainOptionsValidator>());

        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CardActorsDomainOptions>>().Value;
            return new DomainDatabase(settings.DatabaseProvider, settings.ConnectionString);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigration>(CardRecordMigrations.RemovePinHash));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStateMigration>(CertificateAuthorityRecordMigrations.MoveCertificatesOut));

        // The contracts stored in grain state leave out their nulls as the state records marked
        // [OmitNulls] do. They cannot carry the attribute: the contracts assembly, which stations and
        // API clients load, does not reference storage. StoredNullsTests finds a stored type missing here.
        services.Configure<JsonGrainStorageSerializerOptions>(o => o.OmitNullsOf.UnionWith(
            [typeof(CardSummary), typeof(UserSummary), typeof(ProductionJob), typeof(ExternalOrderInfo), typeof(PendingApproval), typeof(UseCaseOptions)]));
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<IDomainFaultInjector, NoFaults>();
        services.TryAddSingleton<UserCards>();
        services.TryAddSingleton(sp => new OutboxDrainer(
            sp.GetRequiredService<OutboxWriter>(), sp.GetRequiredService<UserCards>(), sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IDomainFaultInjector>(),
            sp.GetRequiredService<ILogger<OutboxDrainer>>(), JoinsStateWrites(sp)));
        services.TryAddSingleton(sp => new SecretProtector(SecretKeyLoader.Load(sp.GetRequiredService<IOptions<CardActorsDomainOptions>>().Value)));
        services.TryAddSingleton<IExternalProducer>(sp => sp.GetRequiredService<IOptions<CardActorsDomainOptions>>().Value.ExternalProduction.ProducerUrl is null
            ? ActivatorUtilities.CreateInstance<SimulatedExternalProducer>(sp)
            : ActivatorUtilities.CreateInstance<HttpExternalProducer>(sp));
        AddQueries(services);
        services.TryAddSingleton<OutboxSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSweeper>());
        services.AddHostedService<DispatcherStarter>();
        services.TryAddSingleton<OutdatedCardSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OutdatedCardSweeper>());
        builder.AddIncomingGrainCallFilter<StorageErrorFilter>();
        services.AddCardActorsClusterTrust();
        builder.AddIncomingGrainCallFilter<CallerIdentityFilter>();
        return builder;
    }

    /// <summary>Whether the grains' state (the default storage) is on the domain's SQLite file, so that the outbox's rows can commit with it.</summary>
    private static bool JoinsStateWrites(IServiceProvider services)
        => services.GetRequiredService<DomainDatabase>().SqliteFilePath is { } file
            && services.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) is SqliteGrainStorage storage
            && storage.FilePath == file;

    /// <summary>
    /// How the silo checks its cluster's members (<see cref="ClusterTrust"/>): off until a CA is
    /// configured (the silo's TLS set-up does that), then the revoked serials are read from the CA grain.
    /// </summary>
    public static IServiceCollection AddCardActorsClusterTrust(this IServiceCollection services, Action<ClusterTrustOptions>? configure = null)
    {
        var options = services.AddOptions<ClusterTrustOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(ClusterTrust)))
        {
            services.AddSingleton(sp => new ClusterTrust(sp.GetRequiredService<IOptions<ClusterTrustOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.AddHostedService<RevocationRefresher>();
        }

        return services;
    }

    /// <summary>
    /// What a cluster client that fronts the domain needs besides grain calls: audit and search
    /// queries on a read connection of its own, and the demo seeder. The API host runs search and
    /// audit queries itself, so that a query scanning many rows never takes a silo's threads, and
    /// reads the rows the silos' outboxes wrote (the search may lag a grain, never show what it lacks).
    /// </summary>
    public static IServiceCollection AddCardActorsDomainQueries(this IServiceCollection services, DomainDatabaseProvider provider, string connectionString)
    {
        services.TryAddSingleton(_ => new DomainDatabase(provider, connectionString));
        AddQueries(services);
        return services;
    }

    private static void AddQueries(IServiceCollection services)
    {
        services.TryAddSingleton<IAuditTrail, AuditTrail>();
        services.TryAddSingleton<ICardSearch, CardSearch>();
        services.TryAddSingleton<IDemoSeeder, DemoSeeder>();
    }
}

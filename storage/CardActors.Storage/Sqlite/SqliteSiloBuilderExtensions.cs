using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace CardActors.Storage.Sqlite;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>Adds a <see cref="SqliteGrainStorage"/> named <paramref name="name"/> (the name <c>[PersistentState]</c> refers to).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        builder.Services.AddSqliteGrainStorage(name, configure);
        return builder;
    }

    /// <summary>Adds a <see cref="SqliteGrainStorage"/> as the silo's default grain storage.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure)
        => builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <inheritdoc cref="AddSqliteGrainStorage(ISiloBuilder, string, Action{SqliteGrainStorageOptions})"/>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());
        services.AddTransient<IConfigurationValidator>(sp => new SqliteGrainStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name), name));
        return services.AddGrainStorage(name, SqliteGrainStorage.Create);
    }
}

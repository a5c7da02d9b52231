using CardActors.Runtime.Hosting;
using CardActors.Runtime.PostgreSql;
using CardActors.Runtime.Sqlite;
using Microsoft.Extensions.Options;

namespace CardActors.Silo;

/// <summary>
/// Builds the web application that hosts one silo. Kept apart from Program so that tests and
/// other hosts (the embedded API) build exactly the same node.
/// </summary>
public static class SiloHost
{
    /// <summary>Reads and checks the storage settings; throws <see cref="OptionsValidationException"/> naming each bad setting.</summary>
    public static StorageOptions ReadStorageOptions(IConfiguration configuration)
        => Read<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate());

    /// <summary>Checks the runtime settings before anything starts, so a bad value fails with one line, not a host stack trace.</summary>
    public static SiloOptions ReadSiloOptions(IConfiguration configuration)
        => Read<SiloOptions>(configuration, SiloOptions.SectionName, o => o.Validate());

    private static TOptions Read<TOptions>(IConfiguration configuration, string section, Func<TOptions, IEnumerable<string>> validate) where TOptions : new()
    {
        TOptions options;
        try
        {
            options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the setting and the value it could not convert.
            throw new OptionsValidationException(section, typeof(TOptions), [exception.Message]);
        }

        var failures = validate(options).ToList();
        return failures.Count == 0 ? options : throw new OptionsValidationException(section, typeof(TOptions), failures);
    }

    /// <summary>Adds the silo, its storage and its health check to the application.</summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder, Action<ISiloBuilder>? configureSilo = null)
    {
        var storage = ReadStorageOptions(builder.Configuration);
        ReadSiloOptions(builder.Configuration);
        if (builder.Configuration.GetValue("CardActors:Logging:Json", defaultValue: true))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        builder.Services.AddSingleton(storage);
        builder.Services.AddCardActorsSilo(silo =>
        {
            switch (storage.ParsedProvider)
            {
                case StorageProvider.Sqlite:
                    silo.UseSqliteStorage(storage.ResolveConnectionString());
                    break;
                case StorageProvider.PostgreSql:
                    silo.UsePostgreSqlStorage(storage.ResolveConnectionString());
                    break;
                default:
                    silo.UseInMemoryStorage();
                    break;
            }

            configureSilo?.Invoke(silo);
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}

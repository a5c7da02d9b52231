using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Runtime.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Adds a silo to the host: the runtime, its options and the hosted service that starts it.</summary>
    public static IServiceCollection AddCardActorsSilo(this IServiceCollection services, Action<ISiloBuilder> configure)
    {
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.AddOptions<GrainClassOptions>();
        services.AddOptions<GrainSerializationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<IOptions<GrainClassOptions>>().Value.GrainClasses));
        services.TryAddSingleton<SiloRuntime>();
        services.TryAddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<SiloRuntime>().Dispatcher);
        services.TryAddSingleton<IGrainFactory>(sp =>
        {
            var registry = sp.GetRequiredService<GrainTypeRegistry>();
            return new GrainFactory(registry.ResolveGrainType, () => sp.GetRequiredService<IGrainCallInvoker>());
        });
        services.TryAddSingleton(sp => new GrainStateSerializer(
            sp.GetRequiredService<IOptions<GrainSerializationOptions>>().Value,
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetServices<IStateMigration>()));
        services.TryAddSingleton(sp => new GrainRequestSerializer(sp.GetRequiredService<GrainStateSerializer>()));
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderService>());
        services.TryAddSingleton(sp => new Silo(
            sp, sp.GetRequiredService<SiloRuntime>(), sp.GetRequiredService<ReminderService>(), sp.GetRequiredService<ILogger<Silo>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        configure(new SiloBuilder(services));
        return services;
    }

    public static ISiloBuilder Configure(this ISiloBuilder builder, Action<SiloOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Hosts every public grain class of the assembly.</summary>
    public static ISiloBuilder AddGrains(this ISiloBuilder builder, Assembly assembly)
    {
        var classes = GrainTypeRegistry.FindGrainClasses(assembly).ToList();
        builder.Services.Configure<GrainClassOptions>(o => classes.ForEach(c => o.GrainClasses.Add(c)));
        return builder;
    }

    public static ISiloBuilder AddGrain<TGrain>(this ISiloBuilder builder) where TGrain : Grain
    {
        builder.Services.Configure<GrainClassOptions>(o => o.GrainClasses.Add(typeof(TGrain)));
        return builder;
    }

    /// <summary>Uses source-generated JSON metadata (a JsonSerializerContext) for grain state.</summary>
    public static ISiloBuilder AddStateSerializerContext(this ISiloBuilder builder, IJsonTypeInfoResolver resolver)
    {
        builder.Services.Configure<GrainSerializationOptions>(o => o.TypeInfoResolvers.Add(resolver));
        return builder;
    }

    public static ISiloBuilder AddStateMigration<TMigration>(this ISiloBuilder builder) where TMigration : class, IStateMigration
    {
        builder.Services.AddSingleton<IStateMigration, TMigration>();
        return builder;
    }

    /// <summary>Registers a grain storage under a name; the silo initializes it (creates its schema) at start.</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        builder.Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        builder.Services.AddSingleton(new GrainStorageRegistration(name));
        return builder;
    }

    /// <summary>Sets the table that keeps reminders; the silo initializes it at start.</summary>
    public static ISiloBuilder UseReminderTable(this ISiloBuilder builder, Func<IServiceProvider, IReminderTable> factory)
    {
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton(factory);
        return builder;
    }

    /// <summary>Keeps grain state and reminders in memory: for tests, nothing survives the process.</summary>
    public static ISiloBuilder UseInMemoryStorage(this ISiloBuilder builder, string name = GrainStorageNames.Default)
    {
        builder.AddGrainStorage(name, _ => new InMemoryGrainStorage());
        builder.Services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();
        return builder;
    }
}

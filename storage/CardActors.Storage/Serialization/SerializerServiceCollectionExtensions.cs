using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace CardActors.Storage.Serialization;

public static class SerializerServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="JsonGrainStorageSerializer"/> the silo's default <see cref="IGrainStorageSerializer"/>:
    /// every provider whose options leave <c>GrainStorageSerializer</c> unset takes it (ours, and
    /// Orleans' ADO.NET storage through its options post-configuration). Register migrations here or as
    /// <see cref="IStateMigration"/> services.
    /// </summary>
    public static ISiloBuilder AddCardActorsStateSerializer(this ISiloBuilder builder, Action<JsonGrainStorageSerializerOptions>? configure = null)
    {
        builder.Services.AddCardActorsStateSerializer(configure);
        return builder;
    }

    /// <inheritdoc cref="AddCardActorsStateSerializer(ISiloBuilder, Action{JsonGrainStorageSerializerOptions}?)"/>
    public static IServiceCollection AddCardActorsStateSerializer(this IServiceCollection services, Action<JsonGrainStorageSerializerOptions>? configure = null)
    {
        var options = services.AddOptions<JsonGrainStorageSerializerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<JsonGrainStorageSerializer>();

        // Orleans adds its Newtonsoft serializer with TryAdd: whether we come before or after it,
        // the last registration is the one resolved. Adding ours once is enough.
        if (!services.Any(d => d.ServiceType == typeof(IGrainStorageSerializer) && d.ImplementationFactory?.Method.DeclaringType == typeof(SerializerServiceCollectionExtensions)))
        {
            services.AddSingleton<IGrainStorageSerializer>(ResolveSerializer);
        }

        return services;
    }

    private static JsonGrainStorageSerializer ResolveSerializer(IServiceProvider services) => services.GetRequiredService<JsonGrainStorageSerializer>();
}

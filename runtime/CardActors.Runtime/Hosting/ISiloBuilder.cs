using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Hosting;

/// <summary>Configures a silo: its grains, storage and options. Obtained from <c>AddCardActorsSilo</c>.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }
}

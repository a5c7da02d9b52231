using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Storage.Tests;

/// <summary>Just a service collection: the provider tests need the registrations, not a silo.</summary>
internal sealed class TestSiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
}

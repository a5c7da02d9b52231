using CardActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Storage.Tests;

/// <summary>Just the service collection: the storage tests need the providers' registrations, not a silo.</summary>
internal sealed class TestSiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;
}

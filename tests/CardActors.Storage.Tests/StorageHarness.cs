using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CardActors.Storage.Tests;

/// <summary>The services a storage provider needs outside a silo, and a lifecycle to start it with.</summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    private readonly TestLifecycle _lifecycle = new();

    private StorageHarness(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    /// <param name="lifecycle">Whether to start the silo lifecycle participants; false where a registration
    /// (reminders) brings silo services that cannot run without a silo.</param>
    public static async Task<StorageHarness> StartAsync(Action<ISiloBuilder> configure, string serviceId = "storage-tests", bool lifecycle = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "storage-tests";
            o.ServiceId = serviceId;
        });
        configure(new TestSiloBuilder(services));
        var harness = new StorageHarness(services.BuildServiceProvider());
        foreach (var participant in lifecycle ? harness.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>() : [])
        {
            participant.Participate(harness._lifecycle);
        }

        await harness._lifecycle.StartAsync();
        return harness;
    }

    public IGrainStorage Storage(string name = "Default") => Services.GetRequiredKeyedService<IGrainStorage>(name);

    public async ValueTask DisposeAsync()
    {
        await _lifecycle.StopAsync();
        await Services.DisposeAsync();
    }
}

using Microsoft.Extensions.Hosting;

namespace CardActors.Grains.Hosting;

/// <summary>Activates the external-order dispatcher at start; its reminder keeps it coming back afterwards.</summary>
internal sealed class DispatcherStarter(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
        => grains.GetGrain<IExternalProductionGrain>(IExternalProductionGrain.DefaultKey).GetDispatcherStatusAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

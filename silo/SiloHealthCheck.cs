using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Providers;
using Orleans.Storage;

namespace CardActors.Silo;

/// <summary>Healthy when the default grain storage answers a read: the silo can serve grains.</summary>
internal sealed class SiloHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly GrainId s_probe = GrainId.Create("cardactors.health", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            await storage.ReadStateAsync("health", s_probe, new GrainState<HealthProbe>());
            return HealthCheckResult.Healthy("grain storage answers");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("grain storage does not answer", exception);
        }
    }

    private sealed class HealthProbe;
}

using CardActors.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CardActors.Silo;

/// <summary>Healthy when the default grain storage answers a read: the silo can serve grains.</summary>
internal sealed class SiloHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly GrainStateKey s_probe = new("cardactors.health", "probe", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
            await storage.ReadAsync(s_probe, cancellationToken);
            return HealthCheckResult.Healthy("grain storage answers");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("grain storage does not answer", exception);
        }
    }
}

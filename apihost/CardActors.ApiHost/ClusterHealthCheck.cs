using CardActors.Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CardActors.ApiHost;

/// <summary>Healthy when a grain of the cluster answers through a gateway.</summary>
internal sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey).GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy("the cluster answers");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("the cluster does not answer", exception);
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CardActors.Grains.Hosting;

/// <summary>
/// Reads the revoked serials from the CA grain into <see cref="ClusterTrust"/> every
/// <see cref="ClusterTrustOptions.RevocationRefreshPeriod"/>, while caller identity is on. Until the
/// first read succeeds (the silo is still joining), members other than silos are refused.
/// </summary>
internal sealed partial class RevocationRefresher(ClusterTrust trust, IGrainFactory grains, ILogger<RevocationRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!trust.Enabled)
        {
            return;
        }

        var ca = grains.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                trust.SetRevocations(await ca.GetRevocationSnapshotAsync().WaitAsync(stoppingToken));
                failures = 0;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may not have joined yet; keep the last list and try again.
                if (++failures % 12 == 1)
                {
                    Log.RefreshFailed(logger, exception, failures);
                }
            }

            try
            {
                await Task.Delay(trust.RevocationsKnown ? trust.Options.RevocationRefreshPeriod : TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1310, LogLevel.Warning, "Could not read the revoked member certificates from the CA grain ({Failures} tries in a row)")]
        public static partial void RefreshFailed(ILogger logger, Exception exception, int failures);
    }
}

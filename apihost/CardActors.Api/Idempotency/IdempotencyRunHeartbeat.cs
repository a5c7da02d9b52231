using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CardActors.Api.Idempotency;

/// <summary>Beats for this run (<see cref="IIdempotencyRunGrain"/>) three times per validity period while the process lives.</summary>
internal sealed partial class IdempotencyRunHeartbeat(IGrainFactory grains, IdempotencyHolderOfThisRun run, TimeProvider time, ILogger<IdempotencyRunHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var holder = run.Holder;
        var grain = grains.GetGrain<IIdempotencyRunGrain>(holder.Run);
        using var timer = new PeriodicTimer(holder.AliveFor / 3, time);
        do
        {
            try
            {
                await grain.BeatAsync(holder.AliveFor);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The cluster is unreachable: the requests of this run cannot complete either, so a retry elsewhere may take their keys.
                LogBeatFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(LogLevel.Warning, "The idempotency heartbeat of this process failed; other API processes may take over its keys if it keeps failing")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}

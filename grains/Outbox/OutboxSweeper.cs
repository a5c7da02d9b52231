using CardActors.Grains.Hosting;
using CardActors.Grains.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Grains.Outbox;

/// <summary>
/// Creates the domain schema at start, then finds grains whose outbox a crash left undrained and
/// activates them (activation drains): once at start, then every sweep interval for rows older
/// than one interval (younger ones belong to grains that are draining right now).
/// </summary>
internal sealed partial class OutboxSweeper(
    DomainDatabase database,
    IGrainFactory grains,
    IOptions<CardActorsDomainOptions> options,
    ILogger<OutboxSweeper> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await DomainSchema.MigrateAsync(database, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Drains every outbox left pending (all of them, whatever their age); returns how many grains it activated.</summary>
    public async Task<int> SweepAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        var cutoff = DomainDatabase.Time(DateTimeOffset.UtcNow - minimumAge);
        var pending = await database.ReadAsync(async connection =>
        {
            var found = new List<GrainId>();
            await using var select = database.Command(connection, null, "SELECT grain_type, grain_key FROM cardactors_outbox_pending WHERE since <= $1 ORDER BY since LIMIT 1000", cutoff);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(GrainId.Create(reader.GetString(0), reader.GetString(1)));
            }

            return found;
        }, cancellationToken);

        var drained = 0;
        foreach (var grain in pending)
        {
            try
            {
                DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
                await grains.GetGrain<IOutboxGrain>(grain).DrainOutboxAsync();
                drained++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.DrainFailed(logger, exception, grain);
            }
        }

        if (drained > 0)
        {
            Log.Drained(logger, drained);
        }

        return drained;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.OutboxSweepInterval;
        var minimumAge = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(minimumAge, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SweepFailed(logger, exception);
            }

            _started.TrySetResult();
            minimumAge = interval;
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Completes after the first sweep (the one at start).</summary>
    public Task FirstSweep => _started.Task;

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Outbox sweeper drained {Count} grains that a crash had left undrained")]
        public static partial void Drained(ILogger logger, int count);

        [LoggerMessage(1002, LogLevel.Warning, "Outbox of grain {GrainId} could not be drained; retrying at the next sweep")]
        public static partial void DrainFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1003, LogLevel.Error, "Outbox sweep failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}

using CardActors.Grains.Internal;
using CardActors.Storage.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Storage;

namespace CardActors.Grains.Cards;

/// <summary>
/// Once at start, wakes every card stored under an older <see cref="CardRecord"/> version, so that
/// it writes itself back in the current form.
/// <para>
/// Why: the migration that removed the PIN hash (<see cref="CardRecordMigrations"/>) runs when a card
/// is loaded, and a card nobody opens would keep the hash in its row for ever. Each woken card
/// rewrites its own row (<see cref="CardRecord.RewriteOnActivation"/>), so the grain stays the only
/// writer of its state. Every silo of a cluster runs it; waking a card twice costs one read. A
/// storage that cannot find outdated rows (not ours) is reported once and left alone.
/// </para>
/// </summary>
internal sealed partial class OutdatedCardSweeper(IServiceProvider services, IGrainFactory grains, ILogger<OutdatedCardSweeper> logger) : BackgroundService
{
    private const int Parallelism = 8;
    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many cards the sweep at start woke; completes when it is over.</summary>
    public Task<int> Completed => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _completed.TrySetResult(await SweepAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completed.TrySetCanceled(stoppingToken);
        }
        catch (Exception exception)
        {
            // The next start tries again; until then a card still upgrades itself when it is loaded.
            Log.Failed(logger, exception);
            _completed.TrySetException(exception);
        }
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (services.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) is not IOutdatedStateFinder finder)
        {
            Log.CannotFind(logger);
            return 0;
        }

        var woken = 0;
        await Parallel.ForEachAsync(
            finder.FindAsync(GrainType.Create(CardGrain.TypeName), CardGrain.StateName, StateVersions.Of<CardRecord>(), cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (card, _) =>
            {
                DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
                await grains.GetGrain<ICardCoordinationGrain>(card.Key.ToString()!).PeekAsync();
                Interlocked.Increment(ref woken);
            });

        if (woken > 0)
        {
            Log.Upgraded(logger, woken);
        }

        return woken;
    }

    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Information, "Woke {Count} cards stored in an older form; each wrote itself back in the current one")]
        public static partial void Upgraded(ILogger logger, int count);

        [LoggerMessage(1102, LogLevel.Warning, "The default grain storage cannot list outdated states: cards stored in an older form are upgraded only when they are loaded")]
        public static partial void CannotFind(ILogger logger);

        [LoggerMessage(1103, LogLevel.Error, "Waking cards stored in an older form failed; the next start tries again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}

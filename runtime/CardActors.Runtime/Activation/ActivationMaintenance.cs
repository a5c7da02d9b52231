using CardActors.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime;

/// <summary>
/// One background loop for the chores that look at every activation: failing callers whose
/// response timeout passed (a sweep rather than a timer per call keeps the call path free of
/// timer registration), and collecting activations that stayed unused for the collection age.
/// </summary>
internal sealed partial class ActivationMaintenance(SiloRuntime runtime) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Start()
    {
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Collects every activation unused for at least the collection age; returns how many.</summary>
    public int CollectIdle()
    {
        var idleSince = Environment.TickCount64 - (long)runtime.Options.CollectionAge.TotalMilliseconds;
        var collected = 0;
        foreach (var activation in runtime.Catalog.Activations)
        {
            if (activation.TryCollect(idleSince))
            {
                collected++;
            }
        }

        if (collected > 0)
        {
            Log.Collected(runtime.Logger, collected);
        }

        return collected;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var options = runtime.Options;
        var sweep = TimeSpan.FromMilliseconds(Math.Clamp(options.ResponseTimeout.TotalMilliseconds / 10, 10, 1000));
        var nextCollection = Environment.TickCount64 + (long)options.CollectionQuantum.TotalMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Min(sweep.TotalMilliseconds, options.CollectionQuantum.TotalMilliseconds)));
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                var now = Environment.TickCount64;
                ExpireRequests(now);
                if (now >= nextCollection)
                {
                    nextCollection = now + (long)options.CollectionQuantum.TotalMilliseconds;
                    CollectIdle();
                }
            }
            catch (Exception exception)
            {
                // One bad sweep must not end timeouts and collection for the rest of the silo's life.
                Log.SweepFailed(runtime.Logger, exception);
            }
        }
    }

    /// <summary>Fails the callers of every request whose response timeout passed by <paramref name="now"/>.</summary>
    public void ExpireRequests(long now)
    {
        foreach (var activation in runtime.Catalog.Activations)
        {
            activation.ExpireRequests(now, runtime.Options.ResponseTimeout);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "Collected {Count} idle activations")]
        public static partial void Collected(ILogger logger, int count);

        [LoggerMessage(31, LogLevel.Error, "A maintenance sweep of the activations failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}

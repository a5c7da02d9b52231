using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Hosting;

/// <summary>
/// Starts and stops one silo inside a host. Start: create or migrate every storage schema, load
/// reminders, start the maintenance loop. Stop: stop reminders (waiting for deliveries in flight),
/// stop making activations, deactivate every activation so that each runs OnDeactivateAsync,
/// bounded by the deactivation timeout, and fail the callers of whatever did not finish in time.
/// </summary>
public sealed partial class Silo : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly SiloRuntime _runtime;
    private readonly ReminderService _reminders;
    private readonly ActivationMaintenance _maintenance;
    private readonly ILogger<Silo> _logger;

    internal Silo(IServiceProvider services, SiloRuntime runtime, ReminderService reminders, ILogger<Silo> logger)
    {
        _services = services;
        _runtime = runtime;
        _reminders = reminders;
        _maintenance = new ActivationMaintenance(runtime);
        _logger = logger;
    }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    /// <summary>Activations alive in this silo now.</summary>
    public int ActivationCount => _runtime.Catalog.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in _services.GetServices<GrainStorageRegistration>())
        {
            await _services.GetRequiredKeyedService<IGrainStorage>(registration.Name).InitializeAsync(cancellationToken);
        }

        RuntimeMetrics.Track(_runtime.Registry);
        await _reminders.StartAsync(cancellationToken);
        _maintenance.Start();
        Log.Started(_logger, _runtime.Registry.Classes.Count());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Reminders first: a delivery in flight may still need its grain.
        await _reminders.DisposeAsync();
        _runtime.Catalog.Close();
        foreach (var activation in _runtime.Catalog.Activations)
        {
            activation.Deactivate(DeactivationReason.ShuttingDown);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_runtime.Options.DeactivationTimeout);
        while (_runtime.Catalog.Count > 0 && !timeout.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        // Whoever still waits on an activation that did not finish in time gets an answer now.
        var remaining = 0;
        foreach (var activation in _runtime.Catalog.Activations)
        {
            activation.Abandon();
            remaining++;
        }

        await _maintenance.DisposeAsync();
        RuntimeMetrics.Untrack(_runtime.Registry);
        Log.Stopped(_logger, remaining);
    }

    /// <summary>Collects idle activations now instead of at the next collection quantum.</summary>
    public int CollectIdleActivations() => _maintenance.CollectIdle();

    public ValueTask DisposeAsync() => _maintenance.DisposeAsync();

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Silo started with {GrainClassCount} grain classes")]
        public static partial void Started(ILogger logger, int grainClassCount);

        [LoggerMessage(11, LogLevel.Information, "Silo stopped; {Remaining} activations did not deactivate in time")]
        public static partial void Stopped(ILogger logger, int remaining);
    }
}

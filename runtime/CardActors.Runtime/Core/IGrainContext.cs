namespace CardActors.Runtime;

/// <summary>What the runtime offers a grain: identity, other grains, timers, reminders and its own lifetime.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider Services { get; }

    /// <summary>Deactivates the grain once the current turns are done.</summary>
    void DeactivateOnIdle();

    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, GrainTimerOptions options);

    IReminderRegistry Reminders { get; }
}

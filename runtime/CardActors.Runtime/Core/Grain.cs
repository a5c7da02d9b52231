namespace CardActors.Runtime;

/// <summary>
/// The base of every grain class. The runtime creates an instance when a call arrives for a grain
/// that is not active, runs <see cref="OnActivateAsync"/> before the first call, and
/// <see cref="OnDeactivateAsync"/> when it collects the activation.
/// </summary>
public abstract class Grain : IAddressable
{
    private IGrainContext? _context;

    /// <summary>The runtime's view of this activation; set before <see cref="OnActivateAsync"/> runs.</summary>
    public IGrainContext Context
    {
        get => _context ?? throw new InvalidOperationException($"{GetType().Name} is not attached to an activation yet; use the context from OnActivateAsync on.");
        internal set => _context = value;
    }

    public GrainId GrainId => Context.GrainId;

    public string GetPrimaryKeyString() => GrainId.Key;

    public Guid GetPrimaryKey() => GrainId.GetGuidKey();

    public long GetPrimaryKeyLong() => GrainId.GetIntegerKey();

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    protected IServiceProvider ServiceProvider => Context.Services;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this grain once the current turns are done.</summary>
    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    /// <summary>
    /// A timer whose callback runs as a turn of this activation. Timers are not durable: they end
    /// with the activation. Use a reminder for anything that must survive a restart.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, GrainTimerOptions? options = null)
        => Context.RegisterTimer(callback, dueTime, period, options ?? GrainTimerOptions.Default);

    /// <summary>Registers or replaces a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<ReminderEntry> RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period)
        => Context.Reminders.RegisterOrUpdateAsync(GrainId, name, dueTime, period);

    protected Task<bool> UnregisterReminder(string name) => Context.Reminders.UnregisterAsync(GrainId, name);

    protected Task<IReadOnlyList<ReminderEntry>> GetReminders() => Context.Reminders.GetAsync(GrainId);
}

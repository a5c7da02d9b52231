namespace CardActors.Runtime.Testing;

/// <summary>
/// The context of a grain under unit test, without a silo: timers are recorded and fired by the
/// test, reminders are kept in memory, and other grains come from the factory the test supplies.
/// </summary>
public sealed class TestGrainContext(GrainId grainId, IGrainFactory? grainFactory = null, IServiceProvider? services = null) : IGrainContext, IReminderRegistry
{
    private readonly List<TestTimer> _timers = [];
    private readonly Dictionary<string, ReminderEntry> _reminders = [];

    public GrainId GrainId { get; } = grainId;

    public IGrainFactory GrainFactory => grainFactory ?? throw new InvalidOperationException("This test gave the grain no grain factory.");

    public IServiceProvider Services => services ?? throw new InvalidOperationException("This test gave the grain no services.");

    public IReminderRegistry Reminders => this;

    public bool DeactivationRequested { get; private set; }

    public IReadOnlyList<TestTimer> Timers => _timers;

    public IReadOnlyCollection<ReminderEntry> RegisteredReminders => _reminders.Values;

    /// <summary>Attaches a grain instance built by the test to a new context for <paramref name="key"/>.</summary>
    public static TestGrainContext Attach(Grain grain, string key, IGrainFactory? grainFactory = null, IServiceProvider? services = null)
    {
        var context = new TestGrainContext(new GrainId(GrainClass.NameOf(grain.GetType()), key), grainFactory, services);
        grain.Context = context;
        return context;
    }

    public void DeactivateOnIdle() => DeactivationRequested = true;

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, GrainTimerOptions options)
    {
        var timer = new TestTimer(callback, dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    public Task<ReminderEntry> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        var entry = new ReminderEntry(grainId, name, DateTimeOffset.UtcNow + dueTime, period);
        _reminders[name] = entry;
        return Task.FromResult(entry);
    }

    public Task<bool> UnregisterAsync(GrainId grainId, string name) => Task.FromResult(_reminders.Remove(name));

    public Task<IReadOnlyList<ReminderEntry>> GetAsync(GrainId grainId) => Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _reminders.Values]);
}

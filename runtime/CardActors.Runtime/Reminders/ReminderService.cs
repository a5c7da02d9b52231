using System.Collections.Concurrent;
using CardActors.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CardActors.Runtime;

/*
 * Delivers durable reminders. The rows in the IReminderTable are the truth; this service keeps
 * an in-memory schedule of them (read at start) and calls IRemindable.ReceiveReminder as an
 * ordinary grain call, which activates the grain if needed.
 *
 * Delivery is at least once: a one-shot reminder's row is deleted only after the grain has
 * received it, so a crash in between delivers it again after the restart. A failed delivery is
 * retried after SiloOptions.ReminderRetryDelay. A periodic reminder that was due while the silo
 * was down fires once on start, then keeps its period; after each tick its row holds the next due
 * time, so a restart does not deliver a tick again.
 *
 * Changes to the table and to the schedule for one reminder go through one gate, so a grain
 * re-registering a one-shot reminder while its previous tick is being delivered keeps its new row.
 */
internal sealed partial class ReminderService : IReminderRegistry, IAsyncDisposable
{
    private static readonly TimeSpan s_maxSleep = TimeSpan.FromMinutes(1);

    private readonly IReminderTable? _table;
    private readonly IGrainFactory _grainFactory;
    private readonly GrainTypeRegistry _registry;
    private readonly SiloOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(GrainId, string), Scheduled> _scheduled = [];
    private readonly PriorityQueue<(Scheduled Reminder, int Version), DateTimeOffset> _queue = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();
    private CancellationTokenSource _wake = new();
    private Task _loop = Task.CompletedTask;

    public ReminderService(IGrainFactory grainFactory, GrainTypeRegistry registry, IOptions<SiloOptions> options, TimeProvider time, ILogger<ReminderService> logger, IReminderTable? table = null)
    {
        _table = table;
        _grainFactory = grainFactory;
        _registry = registry;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private IReminderTable Table => _table
        ?? throw new InvalidOperationException("No reminder table is configured: give the silo a storage (for example UseSqliteStorage).");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_table is null)
        {
            return;
        }

        await _table.InitializeAsync(cancellationToken);
        var rows = await _table.ReadAllAsync(cancellationToken);
        lock (_scheduled)
        {
            foreach (var row in rows)
            {
                Schedule(new Scheduled(row), row.DueAt);
            }
        }

        Log.Loaded(_logger, rows.Count);

        // Whoever starts the silo must not lend its request context (operator, correlation id)
        // to every reminder delivery: each delivery starts a call chain of its own.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }
    }

    public async Task<ReminderEntry> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        if (_registry.Find(grainId.Type) is not { } grainClass || !typeof(IRemindable).IsAssignableFrom(grainClass.Type))
        {
            throw new InvalidOperationException($"Grain {grainId} cannot have reminders: its class does not implement IRemindable.");
        }

        var entry = new ReminderEntry(grainId, name, _time.GetUtcNow() + dueTime, period);
        await _gate.WaitAsync();
        try
        {
            await Table.UpsertAsync(entry, _stopping.Token);
            lock (_scheduled)
            {
                Unschedule(grainId, name);
                Schedule(new Scheduled(entry), entry.DueAt);
            }
        }
        finally
        {
            _gate.Release();
        }

        Wake();
        return entry;
    }

    public async Task<bool> UnregisterAsync(GrainId grainId, string name)
    {
        await _gate.WaitAsync();
        try
        {
            lock (_scheduled)
            {
                Unschedule(grainId, name);
            }

            return await Table.RemoveAsync(grainId, name, _stopping.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> GetAsync(GrainId grainId) => Table.ReadAsync(grainId, _stopping.Token);

    /// <summary>Stops delivering and waits for the deliveries in flight (each bounded by the response timeout).</summary>
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

        await Task.WhenAll(_deliveries.Keys);
    }

    // Called under the _scheduled lock.
    private void Schedule(Scheduled reminder, DateTimeOffset dueAt)
    {
        _scheduled[(reminder.Entry.GrainId, reminder.Entry.Name)] = reminder;
        _queue.Enqueue((reminder, ++reminder.Version), dueAt);
    }

    private void Wake()
    {
        // Not disposed: the loop may still be linking to its token.
        Interlocked.Exchange(ref _wake, new CancellationTokenSource()).Cancel();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var sleep = s_maxSleep;
            var wake = Volatile.Read(ref _wake).Token;
            lock (_scheduled)
            {
                var now = _time.GetUtcNow();
                while (_queue.TryPeek(out var next, out var dueAt))
                {
                    if (next.Reminder.Removed || next.Version != next.Reminder.Version)
                    {
                        _queue.Dequeue();
                        continue;
                    }

                    if (dueAt > now)
                    {
                        sleep = TimeSpan.FromTicks(Math.Min((dueAt - now).Ticks, s_maxSleep.Ticks));
                        break;
                    }

                    _queue.Dequeue();
                    next.Reminder.Version++;
                    Track(DeliverAsync(next.Reminder, dueAt));
                }
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, wake);
            try
            {
                await Task.Delay(sleep, _time, linked.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // Woken by a new registration.
            }
        }
    }

    private void Track(Task delivery)
    {
        _deliveries.TryAdd(delivery, true);
        delivery.ContinueWith(static (done, deliveries) => ((ConcurrentDictionary<Task, bool>)deliveries!).TryRemove(done, out _), _deliveries, TaskScheduler.Default);
    }

    private async Task DeliverAsync(Scheduled reminder, DateTimeOffset dueAt)
    {
        var entry = reminder.Entry;
        try
        {
            var target = (IRemindable)_grainFactory.GetGrain(typeof(IRemindable), entry.GrainId);
            await target.ReceiveReminder(entry.Name, new TickStatus(dueAt, _time.GetUtcNow(), entry.Period));
        }
        catch (Exception exception)
        {
            Log.DeliveryFailed(_logger, exception, entry.Name, entry.GrainId, _options.ReminderRetryDelay);
            lock (_scheduled)
            {
                if (!reminder.Removed)
                {
                    Schedule(reminder, _time.GetUtcNow() + _options.ReminderRetryDelay);
                }
            }

            Wake();
            return;
        }

        if (!entry.IsOneShot)
        {
            await ScheduleNextTickAsync(reminder, dueAt);
            return;
        }

        await _gate.WaitAsync();
        try
        {
            bool current;
            lock (_scheduled)
            {
                current = !reminder.Removed && _scheduled.Remove((entry.GrainId, entry.Name));
                reminder.Removed = true;
            }

            if (current)
            {
                await Table.RemoveAsync(entry.GrainId, entry.Name, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            Log.RemoveFailed(_logger, exception, entry.Name, entry.GrainId);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The row keeps the next due time, so a restart does not deliver a tick that was delivered already.
    private async Task ScheduleNextTickAsync(Scheduled reminder, DateTimeOffset deliveredDueAt)
    {
        var entry = reminder.Entry;
        var periods = Math.Max(1, (long)Math.Ceiling((_time.GetUtcNow() - deliveredDueAt) / entry.Period));
        var next = deliveredDueAt + (entry.Period * periods);
        await _gate.WaitAsync();
        try
        {
            if (IsCurrent(reminder))
            {
                await Table.UpsertAsync(entry with { DueAt = next }, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            Log.AdvanceFailed(_logger, exception, entry.Name, entry.GrainId);
        }
        finally
        {
            _gate.Release();
        }

        lock (_scheduled)
        {
            if (!reminder.Removed)
            {
                Schedule(reminder, next);
            }
        }

        Wake();
    }

    private bool IsCurrent(Scheduled reminder)
    {
        lock (_scheduled)
        {
            return !reminder.Removed && _scheduled.TryGetValue((reminder.Entry.GrainId, reminder.Entry.Name), out var current) && current == reminder;
        }
    }

    // Called under the _scheduled lock.
    private void Unschedule(GrainId grainId, string name)
    {
        if (_scheduled.Remove((grainId, name), out var previous))
        {
            previous.Removed = true;
        }
    }

    private sealed class Scheduled(ReminderEntry entry)
    {
        public ReminderEntry Entry { get; } = entry;

        public int Version { get; set; }

        public bool Removed { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Reminder service loaded {Count} reminders")]
        public static partial void Loaded(ILogger logger, int count);

        [LoggerMessage(21, LogLevel.Warning, "Reminder {Name} of grain {GrainId} failed; retrying in {Delay}")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception, string name, GrainId grainId, TimeSpan delay);

        [LoggerMessage(22, LogLevel.Error, "Could not remove the delivered one-shot reminder {Name} of grain {GrainId}; it will fire again")]
        public static partial void RemoveFailed(ILogger logger, Exception exception, string name, GrainId grainId);

        [LoggerMessage(23, LogLevel.Warning, "Could not store the next due time of reminder {Name} of grain {GrainId}; after a restart it fires once early")]
        public static partial void AdvanceFailed(ILogger logger, Exception exception, string name, GrainId grainId);
    }
}

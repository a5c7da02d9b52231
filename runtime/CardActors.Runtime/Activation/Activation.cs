using Microsoft.Extensions.Logging;

namespace CardActors.Runtime;

/*
 * One activation of one grain. It is three things at once, to keep an idle activation small:
 *
 * 1. A scheduler. It is the SynchronizationContext of the grain's code, so every continuation
 *    after an await is posted back here, and it runs posted work one item at a time as a single
 *    thread-pool work item. The grain's code therefore never runs on two threads at once, even
 *    when requests interleave.
 *
 * 2. A turn gate. Requests wait in a FIFO queue until they may start. A request may start when
 *    nothing runs, or when it may interleave with what runs: the class is [Reentrant], the method
 *    is [AlwaysInterleave], both are [ReadOnly], or the request is a call coming back: this
 *    activation is on its call path, in a running turn of the same chain (A -> B -> A). The last
 *    rule is what makes call cycles complete; parallel calls of one turn to the same grain do not
 *    qualify, since that grain is not on their path yet.
 *
 * 3. A lifecycle: Created -> Activating (construct, read state, OnActivateAsync) -> Valid ->
 *    Deactivating (wait for running turns, stop timers, OnDeactivateAsync) -> Invalid. Requests
 *    that arrive while it activates or deactivates wait; on deactivation they are handed back to
 *    the catalog, which routes them to a new activation, so nothing is lost. A request for an
 *    Invalid activation is refused and the sender looks the grain up again.
 *
 * All mutable fields are guarded by `lock (this)`: nothing outside the runtime sees this object.
 */
internal sealed partial class Activation : SynchronizationContext, IThreadPoolWorkItem, IGrainContext
{
    // How many work items one thread-pool slice runs before the activation queues itself again.
    // A caller outside any grain continues inline when its call completes, so its next call lands
    // in this same slice; the call that hits the limit waits for every other busy activation's
    // slice, and that wait is the tail latency. 16 rather than 64 cut the p99 of 64 callers on
    // 64 grains (2 cores, bench/ "calls") from ~0.65-1 ms to ~0.25-0.4 ms at no measurable cost
    // in throughput (docs/benchmarks.md).
    private const int MaxWorkItemsPerSlice = 16;

    private static readonly SendOrPostCallback s_runRequest = static state =>
    {
        var request = (GrainRequest)state!;
        _ = request.RunAsync(((Activation)Current!));
    };

    private static readonly SendOrPostCallback s_activate = static state => _ = ((Activation)state!).ActivateAsync();

    private static readonly SendOrPostCallback s_deactivate = static state => _ = ((Activation)state!).DeactivateAsync();

    private readonly SiloRuntime _runtime;
    private ActivationState _state;
    private DeactivationReason _deactivationReason;
    private bool _deactivateWhenIdle;

    private Queue<(SendOrPostCallback Callback, object? State)>? _work;
    private bool _workScheduled;

    private Queue<GrainRequest>? _waiting;
    private GrainRequest? _running;
    private List<GrainRequest>? _runningMore;
    private int _runningWritersCount;
    private long _lastUsed;

    private List<GrainTimer>? _timers;
    private List<IGrainStateLoader>? _states;

    internal Activation(GrainId grainId, GrainClass grainClass, SiloRuntime runtime)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _runtime = runtime;
        _lastUsed = Environment.TickCount64;
    }

    public GrainId GrainId { get; }

    public GrainClass GrainClass { get; }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IServiceProvider Services => _runtime.Services;

    public IReminderRegistry Reminders => _runtime.Reminders;

    internal object GrainInstance { get; private set; } = null!;

    private int RunningCount => _running is null ? 0 : 1 + (_runningMore?.Count ?? 0);

    // ---- The turn gate -------------------------------------------------------------------

    /// <summary>Accepts a request, or refuses it if this activation is gone (the caller retries).</summary>
    internal bool TryEnqueue(GrainRequest request)
    {
        lock (this)
        {
            switch (_state)
            {
                case ActivationState.Invalid:
                    return false;
                case ActivationState.Created:
                    _state = ActivationState.Activating;
                    GrainClass.OnActivationCreated();
                    (_waiting ??= new()).Enqueue(request);
                    Schedule(s_activate, this);
                    break;
                case ActivationState.Valid when CanStart(request, overtaking: _waiting is { Count: > 0 }):
                    Start(request);
                    break;
                default:
                    (_waiting ??= new()).Enqueue(request);
                    break;
            }

            if (request.KeepsAlive)
            {
                _lastUsed = Environment.TickCount64;
            }

            return true;
        }
    }

    internal void OnTurnCompleted(GrainRequest request)
    {
        lock (this)
        {
            RemoveRunning(request);
            if (request.KeepsAlive)
            {
                _lastUsed = Environment.TickCount64;
            }

            if (_state == ActivationState.Valid && _deactivateWhenIdle && RunningCount == 0)
            {
                BeginDeactivation(_deactivationReason);
            }
            else if (_state == ActivationState.Valid)
            {
                StartWaiting();
            }
            else if (_state == ActivationState.Deactivating && RunningCount == 0)
            {
                Schedule(s_deactivate, this);
            }
        }
    }

    /// <param name="overtaking">Whether starting it would pass requests that wait (the queue is FIFO).</param>
    private bool CanStart(GrainRequest request, bool overtaking)
    {
        // A call coming back must never wait: what it would wait for is waiting for it.
        if (IsCallComingBack(request))
        {
            return true;
        }

        // An activation that is to deactivate lets nothing else in, so that it gets idle.
        if (_deactivateWhenIdle)
        {
            return false;
        }

        if (overtaking)
        {
            return request.IsAlwaysInterleave;
        }

        return _running is null
            || GrainClass.IsReentrant
            || request.IsAlwaysInterleave
            || (request.IsReadOnly && _runningWritersCount == 0);
    }

    // This activation is on the request's path, in a running turn of the same chain (A -> B -> A).
    private bool IsCallComingBack(GrainRequest request)
    {
        if (_running is null || !request.Context.HasPassedThrough(GrainId))
        {
            return false;
        }

        var chain = request.Context.ChainId;
        if (_running.Context.ChainId == chain)
        {
            return true;
        }

        if (_runningMore is not null)
        {
            foreach (var running in _runningMore)
            {
                if (running.Context.ChainId == chain)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void StartWaiting()
    {
        while (_waiting is { Count: > 0 } && CanStart(_waiting.Peek(), overtaking: false))
        {
            Start(_waiting.Dequeue());
        }
    }

    private void Start(GrainRequest request)
    {
        if (_running is null)
        {
            _running = request;
        }
        else
        {
            (_runningMore ??= new(2)).Add(request);
        }

        if (!request.IsReadOnly)
        {
            _runningWritersCount++;
        }

        Schedule(s_runRequest, request);
    }

    private void RemoveRunning(GrainRequest request)
    {
        if (ReferenceEquals(_running, request))
        {
            _running = null;
            if (_runningMore is { Count: > 0 })
            {
                _running = _runningMore[^1];
                _runningMore.RemoveAt(_runningMore.Count - 1);
            }
        }
        else
        {
            _runningMore?.Remove(request);
        }

        if (!request.IsReadOnly)
        {
            _runningWritersCount--;
        }
    }

    // ---- The scheduler -------------------------------------------------------------------

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this)
        {
            Schedule(d, state);
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("A grain's context does not run work synchronously; await instead.");

    public override SynchronizationContext CreateCopy() => this;

    // Called under the lock.
    private void Schedule(SendOrPostCallback callback, object? state)
    {
        (_work ??= new()).Enqueue((callback, state));
        if (!_workScheduled)
        {
            _workScheduled = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        SetSynchronizationContext(this);
        try
        {
            for (var done = 0; ; done++)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (this)
                {
                    if (_work!.Count == 0)
                    {
                        _workScheduled = false;
                        return;
                    }

                    if (done == MaxWorkItemsPerSlice)
                    {
                        // Give the thread back so one busy grain cannot starve the others.
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }

                    item = _work.Dequeue();
                }

                try
                {
                    item.Callback(item.State);
                }
                catch (Exception exception)
                {
                    Log.WorkItemFailed(_runtime.Logger, exception, GrainId);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(null);
        }
    }

    // ---- Lifecycle -------------------------------------------------------------------------

    internal void RegisterStateLoader(IGrainStateLoader state) => (_states ??= new(1)).Add(state);

    private async Task ActivateAsync()
    {
        CallContext.Current = CallContext.NewChain(null).EnterTurn(GrainId);
        using var timeout = new CancellationTokenSource(_runtime.Options.ActivationTimeout);
        try
        {
            var grain = GrainClass.CreateInstance(_runtime.Services, this);
            if (grain is Grain baseGrain)
            {
                baseGrain.Context = this;
            }

            GrainInstance = grain;
            if (_states is not null)
            {
                foreach (var state in _states)
                {
                    await state.ReadStateAsync(timeout.Token).WaitAsync(timeout.Token);
                }
            }

            if (grain is Grain activatable)
            {
                // WaitAsync: a grain that ignores the token must not keep its callers waiting forever.
                await activatable.OnActivateAsync(timeout.Token).WaitAsync(timeout.Token);
            }
        }
        catch (Exception exception)
        {
            Log.ActivationFailed(_runtime.Logger, exception, GrainId);
            var failed = Finish();
            while (failed is { Count: > 0 })
            {
                failed.Dequeue().SetException(exception);
            }

            return;
        }

        lock (this)
        {
            _state = ActivationState.Valid;
            if (_deactivateWhenIdle)
            {
                BeginDeactivation(_deactivationReason);
            }
            else
            {
                StartWaiting();
            }
        }
    }

    public void DeactivateOnIdle() => Deactivate(DeactivationReason.Requested);

    /// <summary>Starts deactivation once no turn is running; requests that arrive meanwhile go to the next activation.</summary>
    internal void Deactivate(DeactivationReason reason)
    {
        lock (this)
        {
            if (_deactivateWhenIdle || _state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            _deactivateWhenIdle = true;
            _deactivationReason = reason;
            if (_state == ActivationState.Valid && RunningCount == 0)
            {
                BeginDeactivation(reason);
            }
            else if (_state == ActivationState.Created)
            {
                _state = ActivationState.Invalid;
                _runtime.Catalog.Remove(this);
            }
        }
    }

    /// <summary>Collects the activation if it has been unused since <paramref name="idleSince"/>.</summary>
    internal bool TryCollect(long idleSince)
    {
        lock (this)
        {
            if (_state != ActivationState.Valid || RunningCount > 0 || _waiting is { Count: > 0 } || _lastUsed > idleSince)
            {
                return false;
            }
        }

        Deactivate(DeactivationReason.IdleCollection);
        return true;
    }

    // Called under the lock.
    private void BeginDeactivation(DeactivationReason reason)
    {
        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        if (RunningCount == 0)
        {
            Schedule(s_deactivate, this);
        }
    }

    private async Task DeactivateAsync()
    {
        CallContext.Current = CallContext.NewChain(null).EnterTurn(GrainId);
        StopTimers();
        if (GrainInstance is Grain grain)
        {
            using var timeout = new CancellationTokenSource(_runtime.Options.DeactivationTimeout);
            try
            {
                await grain.OnDeactivateAsync(_deactivationReason, timeout.Token).WaitAsync(timeout.Token);
            }
            catch (Exception exception)
            {
                Log.DeactivationFailed(_runtime.Logger, exception, GrainId);
            }
        }

        var pending = Finish();
        while (pending is { Count: > 0 })
        {
            var request = pending.Dequeue();
            if (request.FollowsTheGrain)
            {
                _runtime.Dispatcher.Invoke(request);
            }
        }
    }

    /// <summary>Ends the activation and returns the requests still waiting, for the caller to fail or reroute.</summary>
    private Queue<GrainRequest>? Finish()
    {
        Queue<GrainRequest>? waiting;
        lock (this)
        {
            _state = ActivationState.Invalid;
            waiting = _waiting;
            _waiting = null;
        }

        _runtime.Catalog.Remove(this);
        StopTimers();
        GrainClass.OnActivationDestroyed();
        RuntimeMetrics.ActivationDestroyed(GrainClass);
        _states = null;
        GrainInstance = null!;
        return waiting;
    }

    // ---- Timeouts -----------------------------------------------------------------------------

    /// <summary>Fails the callers of requests whose deadline passed; waiting ones are dropped, running ones finish unobserved.</summary>
    internal void ExpireRequests(long now, TimeSpan timeout)
    {
        foreach (var request in TakeExpired(now) ?? [])
        {
            var method = request.Method?.DisplayName ?? request.MethodName;
            if (request.SetException(new GrainCallTimeoutException(GrainId, method, timeout)))
            {
                Log.CallTimedOut(_runtime.Logger, GrainId, method, timeout);
            }
        }
    }

    /// <summary>Fails every caller still waiting on this activation: the silo stops and will not serve them.</summary>
    internal void Abandon()
    {
        foreach (var request in TakeExpired(long.MaxValue) ?? [])
        {
            request.SetException(new SiloShuttingDownException(GrainId));
        }
    }

    // The requests whose deadline passed by `now`: waiting ones leave the queue, running ones finish unobserved.
    private List<GrainRequest>? TakeExpired(long now)
    {
        List<GrainRequest>? expired = null;
        lock (this)
        {
            if (_running is { } running && running.Deadline <= now)
            {
                (expired ??= []).Add(running);
            }

            if (_runningMore is { Count: > 0 })
            {
                foreach (var request in _runningMore)
                {
                    if (request.Deadline <= now)
                    {
                        (expired ??= []).Add(request);
                    }
                }
            }

            if (_waiting is { Count: > 0 } && AnyExpired(_waiting, now))
            {
                var kept = new Queue<GrainRequest>(_waiting.Count);
                foreach (var request in _waiting)
                {
                    if (request.Deadline <= now)
                    {
                        (expired ??= []).Add(request);
                    }
                    else
                    {
                        kept.Enqueue(request);
                    }
                }

                _waiting = kept;
            }
        }

        return expired;
    }

    // Deadlines are not always in queue order: a request rerouted from a deactivated activation keeps its own.
    private static bool AnyExpired(Queue<GrainRequest> requests, long now)
    {
        foreach (var request in requests)
        {
            if (request.Deadline <= now)
            {
                return true;
            }
        }

        return false;
    }

    // ---- Timers -------------------------------------------------------------------------------

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, GrainTimerOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (this)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating: it cannot register a timer.");
            }

            (_timers ??= new(1)).Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    internal void OnTimerDisposed(GrainTimer timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }

    internal void OnTimerFailed(Exception exception) => Log.TimerFailed(_runtime.Logger, exception, GrainId);

    private void StopTimers()
    {
        List<GrainTimer>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }

        timers?.ForEach(t => t.Stop());
    }

    public override string ToString() => $"Activation {GrainId} ({_state})";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Activation of grain {GrainId} failed")]
        public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
        public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(3, LogLevel.Error, "A work item of grain {GrainId} threw")]
        public static partial void WorkItemFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(4, LogLevel.Warning, "Call to {Method} on grain {GrainId} timed out after {Timeout}")]
        public static partial void CallTimedOut(ILogger logger, GrainId grainId, string method, TimeSpan timeout);

        [LoggerMessage(5, LogLevel.Warning, "A timer callback of grain {GrainId} threw")]
        public static partial void TimerFailed(ILogger logger, Exception exception, GrainId grainId);
    }
}

namespace CardActors.Runtime;

/// <summary>
/// A timer whose ticks are turns of its activation. The next tick is scheduled only after the
/// previous callback finished, so ticks never pile up behind a slow callback.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerOptions _options;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Timer _timer;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _changedDuringTick;
    private bool _ticking;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        _activation = activation;
        _callback = callback;
        _options = options;
        _timer = new Timer(static state => ((GrainTimer)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        // A change made by the callback itself wins over re-arming with the old period.
        _changedDuringTick = _ticking;
        _period = period;
        if (!_stopped.IsCancellationRequested)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        Stop();
        _activation.OnTimerDisposed(this);
    }

    internal void Stop()
    {
        if (!_stopped.IsCancellationRequested)
        {
            _stopped.Cancel();
            _timer.Dispose();
        }
    }

    private void Fire()
    {
        if (!_stopped.IsCancellationRequested)
        {
            _activation.TryEnqueue(new TimerTick(this));
        }
    }

    private async Task TickAsync()
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        _ticking = true;
        _changedDuringTick = false;
        try
        {
            await _callback(_stopped.Token);
        }
        finally
        {
            _ticking = false;
            if (!_stopped.IsCancellationRequested && !_changedDuringTick && _period != Timeout.InfiniteTimeSpan)
            {
                try
                {
                    _timer.Change(_period, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                    // Stopped concurrently: nothing left to schedule.
                }
            }
        }
    }

    private sealed class TimerTick(GrainTimer timer) : GrainRequest(timer._activation.GrainId, CallContext.NewChain(null))
    {
        public override object?[] Arguments => [];

        internal override bool IsAlwaysInterleave => timer._options.Interleave;

        internal override bool KeepsAlive => timer._options.KeepAlive;

        internal override bool FollowsTheGrain => false;

        internal override async Task RunAsync(Activation activation)
        {
            CallContext.Current = Context.EnterTurn(activation.GrainId);
            try
            {
                await timer.TickAsync();
            }
            catch (Exception exception)
            {
                activation.OnTimerFailed(exception);
            }

            activation.OnTurnCompleted(this);
        }

        public override bool SetResult(object? result) => false;

        public override bool SetException(Exception exception) => false;

        public override Task<object?> GetResponseAsync() => Task.FromResult<object?>(null);
    }
}

namespace CardActors.Runtime.Testing;

/// <summary>A timer registered by a grain under unit test; the test fires it with <see cref="TickAsync"/>.</summary>
public sealed class TestTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) : IGrainTimer
{
    public TimeSpan DueTime { get; private set; } = dueTime;

    public TimeSpan Period { get; private set; } = period;

    public bool IsDisposed { get; private set; }

    public Task TickAsync() => IsDisposed ? throw new ObjectDisposedException(nameof(TestTimer)) : callback(CancellationToken.None);

    public void Change(TimeSpan dueTime, TimeSpan period) => (DueTime, Period) = (dueTime, period);

    public void Dispose() => IsDisposed = true;
}

namespace CardActors.Storage.Tests;

/// <summary>A silo lifecycle for providers tested without a silo: starts the subscribers by stage, stops them in reverse.</summary>
internal sealed class TestLifecycle : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    public int HighestCompletedStage { get; private set; } = int.MinValue;

    public int LowestStoppedStage { get; private set; } = int.MaxValue;

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        _observers.Add((stage, observer));
        return new Unsubscriber();
    }

    public async Task StartAsync()
    {
        foreach (var (stage, observer) in _observers.OrderBy(o => o.Stage))
        {
            await observer.OnStart(CancellationToken.None);
            HighestCompletedStage = stage;
        }
    }

    public async Task StopAsync()
    {
        foreach (var (stage, observer) in _observers.OrderByDescending(o => o.Stage))
        {
            await observer.OnStop(CancellationToken.None);
            LowestStoppedStage = stage;
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        public void Dispose() { }
    }
}

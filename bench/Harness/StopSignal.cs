namespace CardActors.Bench.Harness;

/// <summary>Tells callers to stop after their current call.</summary>
internal sealed class StopSignal
{
    private volatile bool _stopped;

    public bool IsStopped => _stopped;

    public void Stop() => _stopped = true;
}

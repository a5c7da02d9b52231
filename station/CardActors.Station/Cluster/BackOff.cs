namespace CardActors.Station.Cluster;

/// <summary>
/// Waits between tries to reach the cluster: 0.25 s, doubling up to 5 s, until <see cref="BackOff(TimeSpan)"/>'s
/// limit has passed since the first wait (then it answers false: give up). A restarting or failing-over
/// cluster is back within seconds; a station should neither hammer it nor wait long after it is back.
/// </summary>
internal sealed class BackOff(TimeSpan limit)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);
    private DateTimeOffset? _started;
    private TimeSpan _next = First;

    /// <summary>Waits before the next try; false when the limit has passed (no wait then).</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        _started ??= now;
        var left = limit - (now - _started.Value);
        if (left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var wait = _next < left ? _next : left;
        _next = _next * 2 < Longest ? _next * 2 : Longest;
        await Task.Delay(wait, cancellationToken);
        return true;
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CardActors.Grains;
using Microsoft.Extensions.Logging;

namespace CardActors.Station.Cluster;

/// <summary>
/// The jobs a station's line pushes to it, as a cluster client: subscribes this process as the
/// station's <see cref="IStationJobObserver"/> with every heartbeat (<see cref="IStationGrain.HeartbeatAsync"/>),
/// beats three times per heartbeat lease, and while a job is being worked on renews its lease
/// (<see cref="IStationGrain.ExtendJobLeaseAsync"/>), so a slow card is not taken over. The station
/// runs one job at a time, so a job pushed again (a new subscription is told the job it holds) is
/// handed out only once. A heartbeat that fails (the cluster restarting or failing over) is tried
/// again at the next beat; when the lease lapsed meanwhile the grain gives the job to another station.
/// Disposing signs the station off (<see cref="IStationGrain.SignOffAsync"/>): it is offline at once.
/// </summary>
internal sealed partial class LineJobFeed : IStationJobObserver, IAsyncDisposable
{
    private static readonly TimeSpan SignOffTimeout = TimeSpan.FromSeconds(5);

    private readonly IClusterClient _cluster;
    private readonly string _stationId;
    private readonly ILogger _logger;
    private readonly Channel<string> _jobs = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private IStationJobObserver? _reference;
    private Task? _heartbeats;
    private volatile string? _working;

    public LineJobFeed(IClusterClient cluster, string stationId, ILogger logger)
    {
        _cluster = cluster;
        _stationId = stationId;
        _logger = logger;
    }

    private IStationGrain Station => _cluster.GetGrain<IStationGrain>(_stationId);

    /// <summary>Subscribes (the first heartbeat; refusals such as <c>station.not-found</c> come back as they are) and starts beating.</summary>
    public async Task StartAsync()
    {
        _reference = _cluster.CreateObjectReference<IStationJobObserver>(this);
        var first = await BeatAsync();
        _heartbeats = Task.Run(() => BeatLoopAsync(first.Lease / 3));
    }

    /// <summary>
    /// The ids of the jobs pushed to this station, each once, until <paramref name="cancellationToken"/>
    /// ends the run. A job counts as being worked on (its lease renewed with each beat) from when it is
    /// handed out until the next one is asked for.
    /// </summary>
    public async IAsyncEnumerable<string> JobIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var jobId in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            _working = jobId;
            yield return jobId;
            _working = null;
        }
    }

    public Task JobAssigned(StationJob job)
    {
        Offer(job);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_heartbeats is not null)
        {
            await _heartbeats;

            // Offline now, not when the heartbeat lease lapses: the line pushes nothing more to a
            // process that is going, and a job it held goes to another station at once.
            try
            {
                DomainRequestContext.SetOperator($"station:{_stationId}");
                await Station.SignOffAsync().WaitAsync(SignOffTimeout);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSignOffFailed(_logger, exception, _stationId);
            }
        }

        if (_reference is not null)
        {
            _cluster.DeleteObjectReference<IStationJobObserver>(_reference);
        }

        _jobs.Writer.TryComplete();
        _stop.Dispose();
    }

    private void Offer(StationJob job)
    {
        lock (_seen)
        {
            if (!_seen.Add(job.JobId))
            {
                return;
            }
        }

        _jobs.Writer.TryWrite(job.JobId);
    }

    private async Task<StationHeartbeat> BeatAsync()
    {
        DomainRequestContext.SetOperator($"station:{_stationId}");
        var heartbeat = await Station.HeartbeatAsync(_reference!);
        if (heartbeat.CurrentJob is { } held)
        {
            Offer(held);
        }

        // Only while the station still holds it: a job reported already (the card is being taken out)
        // has no lease left to renew.
        if (_working is { } working && heartbeat.CurrentJob?.JobId == working)
        {
            await Station.ExtendJobLeaseAsync(working);
        }

        return heartbeat;
    }

    private async Task BeatLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await BeatAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogBeatFailed(_logger, exception, _stationId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Station {StationId} could not sign off; it goes offline when its heartbeat lease lapses")]
    private static partial void LogSignOffFailed(ILogger logger, Exception exception, string stationId);

    [LoggerMessage(LogLevel.Warning, "Heartbeat of station {StationId} failed; trying again at the next beat")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception, string stationId);
}

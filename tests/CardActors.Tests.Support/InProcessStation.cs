using System.Collections.Concurrent;
using System.Diagnostics;
using CardActors.Grains;

namespace CardActors.Tests.Support;

/// <summary>
/// A station's process inside a test or benchmark (on a silo or as a cluster client): it subscribes
/// as the station's observer with its heartbeats, and works each job pushed to it as
/// <see cref="Behavior"/> says (an instant virtual card by default). Stopping its heartbeats is the
/// process dying; the grains cannot tell the difference.
/// Like the real station (OrleansProductionJobClient), it tries a claim or a result again while the
/// cluster cannot be reached, for up to <see cref="RetryFor"/> (every such call is safe to repeat),
/// and it works a job once even when the job is pushed to it again meanwhile; a job its heartbeat says
/// it holds but that it never received (a push lost in a failover) is worked then. It notes what the
/// cluster acknowledged (claims and results) and how long each push took to arrive: from the
/// station grain's assignment, and from the moment this station was free again.
/// </summary>
public sealed class InProcessStation : IStationJobObserver, IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _working = new(StringComparer.Ordinal);

    /// <summary>When the station was last free (its previous result answered); 0 before its first job of a round.</summary>
    private long _freeSince;
    private IStationJobObserver? _reference;
    private Task? _heartbeats;

    /// <summary>A station that is not started yet (<see cref="StartAsync()"/>): the static <c>StartAsync</c> does both.</summary>
    public InProcessStation(IGrainFactory grains, string id, TimeSpan interval)
    {
        _grains = grains;
        Id = id;
        _interval = interval;
    }

    public enum Work
    {
        /// <summary>Claim and report done at once.</summary>
        Complete,

        /// <summary>Claim and report failed at once.</summary>
        Fail,

        /// <summary>Claim, then never report: a station stuck at its reader.</summary>
        ClaimOnly,

        /// <summary>Never even claim.</summary>
        Ignore,
    }

    public string Id { get; }

    public Work Behavior { get; set; } = Work.Complete;

    /// <summary>How long a claim or result is tried again while the cluster cannot be reached (Orleans' connection and timeout errors); zero: never.</summary>
    public TimeSpan RetryFor { get; init; }

    /// <summary>Called with the job id after each result the cluster acknowledged.</summary>
    public Action<string>? Completed { get; init; }

    public IStationGrain Grain => _grains.GetGrain<IStationGrain>(Id);

    /// <summary>Every push received, in order (a job pushed again to a new process appears again).</summary>
    public ConcurrentQueue<StationJob> Received { get; } = new();

    /// <summary>Jobs whose claim the cluster acknowledged.</summary>
    public ConcurrentDictionary<string, bool> Claimed { get; } = new(StringComparer.Ordinal);

    /// <summary>Jobs whose result the cluster acknowledged, with the result.</summary>
    public ConcurrentDictionary<string, ProductionJobResult> Reported { get; } = new(StringComparer.Ordinal);

    /// <summary>Failed calls: heartbeats, and claims and results that were refused or not answered in time.</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Assignment (the station grain's clock) → push received, in microseconds.</summary>
    public ConcurrentQueue<double> FromAssignment { get; } = new();

    /// <summary>Station free (previous result answered) → next push received, in microseconds; not for the first job after <see cref="ResetFree"/>.</summary>
    public ConcurrentQueue<double> FromFree { get; } = new();

    public static Task<InProcessStation> StartAsync(IGrainFactory grains, string id, TimeSpan interval, Work behavior = Work.Complete)
        => new InProcessStation(grains, id, interval) { Behavior = behavior }.StartAsync();

    /// <summary>Subscribes with a first heartbeat and keeps beating every interval.</summary>
    public async Task<InProcessStation> StartAsync()
    {
        _reference = _grains.CreateObjectReference<IStationJobObserver>(this);
        await BeatAsync();
        _heartbeats = Task.Run(HeartbeatLoopAsync);
        return this;
    }

    public Task JobAssigned(StationJob job)
    {
        var now = Stopwatch.GetTimestamp();
        Received.Enqueue(job);
        FromAssignment.Enqueue((DateTimeOffset.UtcNow - job.AssignedAt).TotalMicroseconds);
        if (Interlocked.Read(ref _freeSince) is var free and not 0)
        {
            FromFree.Enqueue(Stopwatch.GetElapsedTime(free, now).TotalMicroseconds);
        }

        Take(job);
        return Task.CompletedTask;
    }

    /// <summary>Works the job unless it is being worked on already.</summary>
    private void Take(StationJob job)
    {
        if (_working.TryAdd(job.JobId, true))
        {
            _ = Task.Run(() => WorkAsync(job));
        }
    }

    /// <summary>A heartbeat names the job the station grain holds: as the real station does, one whose push was lost is worked now (not one this process claimed already).</summary>
    private async Task BeatAsync()
    {
        var heartbeat = await Grain.HeartbeatAsync(_reference!);
        if (heartbeat.CurrentJob is { } held && !Claimed.ContainsKey(held.JobId) && Behavior != Work.Ignore)
        {
            Take(held);
        }
    }

    /// <summary>A round starts: the station's idle time before it is no wait for the line.</summary>
    public void ResetFree() => Interlocked.Exchange(ref _freeSince, 0);

    /// <summary>The process dies: no more heartbeats (pushes still arrive at the object, which no longer acts on them).</summary>
    public async Task StopHeartbeatsAsync()
    {
        Behavior = Work.Ignore;
        await _stop.CancelAsync();
        if (_heartbeats is not null)
        {
            await _heartbeats;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHeartbeatsAsync();
        if (_reference is not null)
        {
            _grains.DeleteObjectReference<IStationJobObserver>(_reference);
        }

        _stop.Dispose();
    }

    private async Task WorkAsync(StationJob job)
    {
        var behavior = Behavior;
        try
        {
            if (behavior == Work.Ignore)
            {
                return;
            }

            DomainRequestContext.SetOperator(Id);
            await RetryAsync(() => Grain.ClaimJobAsync(job.JobId));
            Claimed[job.JobId] = true;
            if (behavior == Work.ClaimOnly)
            {
                return;
            }

            var result = behavior == Work.Fail ? ProductionJobResult.Failed("encoder error") : ProductionJobResult.Done("SN-" + job.JobId);
            await RetryAsync(() => Grain.CompleteJobAsync(job.JobId, result));
            Reported[job.JobId] = result;
            Interlocked.Exchange(ref _freeSince, Stopwatch.GetTimestamp());
            Completed?.Invoke(job.JobId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Errors.Enqueue(exception);
        }
        finally
        {
            _working.TryRemove(job.JobId, out _);
        }
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var since = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException && since.Elapsed < RetryFor)
            {
                await Task.Delay(RetryPause);
            }
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _stop.Token);
                await BeatAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Errors.Enqueue(exception);
            }
        }
    }
}

using System.Collections.Concurrent;

namespace CardActors.Grains.Tests;

/// <summary>
/// A station's process inside the test: it subscribes as the station's observer with its heartbeats,
/// and works each job pushed to it as <see cref="Behavior"/> says (an instant virtual card by default).
/// Stopping its heartbeats is the process dying; the grains cannot tell the difference.
/// </summary>
internal sealed class InProcessStation : IStationJobObserver, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private IStationJobObserver? _reference;
    private Task? _heartbeats;

    private InProcessStation(IGrainFactory grains, string id, TimeSpan interval)
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

    public IStationGrain Grain => _grains.GetGrain<IStationGrain>(Id);

    /// <summary>Every push received, in order (a job pushed again to a new process appears again).</summary>
    public ConcurrentQueue<StationJob> Received { get; } = new();

    /// <summary>Jobs this station reported, with the result.</summary>
    public ConcurrentDictionary<string, ProductionJobResult> Reported { get; } = new();

    public ConcurrentQueue<Exception> Errors { get; } = new();

    public static async Task<InProcessStation> StartAsync(IGrainFactory grains, string id, TimeSpan interval, Work behavior = Work.Complete)
    {
        var station = new InProcessStation(grains, id, interval) { Behavior = behavior };
        station._reference = grains.CreateObjectReference<IStationJobObserver>(station);
        await station.Grain.HeartbeatAsync(station._reference);
        station._heartbeats = Task.Run(station.HeartbeatLoopAsync);
        return station;
    }

    public Task JobAssigned(StationJob job)
    {
        Received.Enqueue(job);
        _ = Task.Run(() => WorkAsync(job));
        return Task.CompletedTask;
    }

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
        if (behavior == Work.Ignore)
        {
            return;
        }

        try
        {
            DomainRequestContext.SetOperator(Id);
            await Grain.ClaimJobAsync(job.JobId);
            if (behavior == Work.ClaimOnly)
            {
                return;
            }

            var result = behavior == Work.Fail ? ProductionJobResult.Failed("encoder error") : ProductionJobResult.Done("SN-" + job.JobId);
            await Grain.CompleteJobAsync(job.JobId, result);
            Reported[job.JobId] = result;
        }
        catch (Exception exception)
        {
            Errors.Enqueue(exception);
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _stop.Token);
                await Grain.HeartbeatAsync(_reference!);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                Errors.Enqueue(exception);
            }
        }
    }
}

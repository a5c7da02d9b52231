using System.Collections.Concurrent;
using System.Diagnostics;
using CardActors.Grains;

namespace CardActors.Bench.Batch;

/// <summary>
/// A station process with an instant card: it subscribes with its heartbeats, and on every push claims
/// the job and reports it done at once. It notes how long each push took to arrive: from the station
/// grain's assignment, and from the moment this station was free again (its previous result answered).
/// </summary>
internal sealed class BenchStation(IGrainFactory grains, string id, Action<string> completed) : IStationJobObserver
{
    private readonly CancellationTokenSource _stop = new();
    /// <summary>When the station was last free while a round ran; 0 at a round's start (its first job waits for the batch to be made, not for the line).</summary>
    private long _freeSince;
    private IStationJobObserver? _reference;
    private Task? _heartbeats;

    public string Id { get; } = id;

    /// <summary>Assignment → push received, in microseconds.</summary>
    public ConcurrentQueue<double> FromAssignment { get; } = new();

    /// <summary>Station free (previous result answered) → next push received, in microseconds; not for a round's first job.</summary>
    public ConcurrentQueue<double> FromFree { get; } = new();

    public int Errors;

    private IStationGrain Grain => grains.GetGrain<IStationGrain>(Id);

    public async Task StartAsync(TimeSpan interval)
    {
        _reference = grains.CreateObjectReference<IStationJobObserver>(this);
        await Grain.HeartbeatAsync(_reference);
        _heartbeats = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, _stop.Token);
                    await Grain.HeartbeatAsync(_reference);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref Errors);
                }
            }
        });
    }

    public Task JobAssigned(StationJob job)
    {
        var now = Stopwatch.GetTimestamp();
        FromAssignment.Enqueue((DateTimeOffset.UtcNow - job.AssignedAt).TotalMicroseconds);
        if (Interlocked.Read(ref _freeSince) is var free and not 0)
        {
            FromFree.Enqueue(Stopwatch.GetElapsedTime(free, now).TotalMicroseconds);
        }

        _ = Task.Run(() => WorkAsync(job));
        return Task.CompletedTask;
    }

    /// <summary>A round starts: the station's idle time between rounds is no wait for the line.</summary>
    public void ResetFree() => Interlocked.Exchange(ref _freeSince, 0);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_heartbeats is not null)
        {
            await _heartbeats;
        }

        if (_reference is not null)
        {
            grains.DeleteObjectReference<IStationJobObserver>(_reference);
        }

        _stop.Dispose();
    }

    private async Task WorkAsync(StationJob job)
    {
        try
        {
            DomainRequestContext.SetOperator(Id);
            await Grain.ClaimJobAsync(job.JobId);
            await Grain.CompleteJobAsync(job.JobId, ProductionJobResult.Done("SN-" + job.JobId));
            Interlocked.Exchange(ref _freeSince, Stopwatch.GetTimestamp());
            completed(job.JobId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Interlocked.Increment(ref Errors);
        }
    }
}

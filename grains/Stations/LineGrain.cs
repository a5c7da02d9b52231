using CardActors.Grains.Internal;
using CardActors.Grains.Persistence;

namespace CardActors.Grains.Stations;

/*
 * A production line: its stations, and the queue of jobs its batch orders fanned out.
 *
 * Dispatch. A station says when it is ready (online, holding no job); the line then offers it the
 * oldest queued job it can encode (its card type and profile), marks it busy, and forgets the job:
 * from here the card is the arbiter. The station records the assignment on the card, which refuses a
 * second station, so no job is ever double-booked even when a job reaches the queue twice (a batch
 * handing its jobs again after the line restarted). A job that a station cannot take comes back with
 * RequeueAsync, at the head of its queue; one the card refused is dropped. A job the card says a
 * station holds already (AssignedStation) waits for that station alone: only that station's lease
 * can give it up.
 *
 * Push, not polling: a job is offered the moment it is queued if a station is ready, and a station
 * gets the next job the moment it says it is ready. Every call between the line and its stations is
 * one-way, so the line never waits for a station and each of its turns is short: a line with
 * thousands of stations and queued jobs does a dictionary lookup per offer.
 *
 * Not stored: the queue and who is ready. A line activated again (after a crash) asks its open
 * batches for their open jobs, and stations say they are ready with their next heartbeat.
 */

/// <summary>A production line: its stations and the queue of jobs they take in turn.</summary>
[GrainType("line")]
public sealed class LineGrain([PersistentState("line")] IPersistentState<LineRecord> state) : Grain, ILineGrain, ILineDispatchGrain
{
    private const int Parallelism = 16;

    /// <summary>Queued jobs by what they need (card type and application), oldest first.</summary>
    private readonly Dictionary<string, LinkedList<LineJob>> _queues = new(StringComparer.Ordinal);

    /// <summary>Jobs that wait for the one station the card says holds them.</summary>
    private readonly Dictionary<string, Queue<LineJob>> _pinned = new(StringComparer.Ordinal);

    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ready = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LineStation> _stations = new(StringComparer.Ordinal);

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var station in state.State.Stations)
        {
            _stations[station.StationId] = station;
        }

        foreach (var batchId in state.State.OpenBatches)
        {
            await GrainFactory.GetGrain<IBatchDispatchGrain>(batchId).ResubmitAsync();
        }
    }

    public async Task<LineDetails> GetAsync()
    {
        if (!state.State.Exists)
        {
            throw new DomainException(ErrorCodes.LineNotFound, ErrorKind.NotFound, $"Line {Id} has no stations.", Cards.DomainErrors.Data("lineId", Id));
        }

        var ids = state.State.Stations.Select(s => s.StationId).Order(StringComparer.Ordinal).ToList();
        var stations = new StationDetails[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current },
            async (i, _) => stations[i] = await GrainFactory.GetGrain<IStationGrain>(ids[i]).GetAsync());
        return new LineDetails(Id, stations, _queued.Count, state.State.OpenBatches);
    }

    public Task<IReadOnlyList<string>> GetStationIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Stations.Select(s => s.StationId)]);

    public async Task JoinAsync(LineStation station)
    {
        _stations[station.StationId] = station;
        var others = state.State.Stations.Where(s => s.StationId != station.StationId);
        // Lists inside records compare by reference: a station that joins again with the same capabilities writes nothing.
        var known = state.State.Stations.FirstOrDefault(s => s.StationId == station.StationId);
        if (!state.State.Exists || known is null || !known.CardTypes.SequenceEqual(station.CardTypes) || !known.Profiles.SequenceEqual(station.Profiles))
        {
            await state.WriteOrKeepAsync(state.State with { Exists = true, Stations = [.. others.Append(station)] });
        }
    }

    public async Task LeaveAsync(string stationId)
    {
        _stations.Remove(stationId);
        _ready.Remove(stationId);
        if (_pinned.Remove(stationId, out var pinned))
        {
            foreach (var job in pinned)
            {
                _queued.Remove(job.JobId);
            }
        }

        await state.WriteOrKeepAsync(state.State with { Stations = [.. state.State.Stations.Where(s => s.StationId != stationId)] });
    }

    public async Task OpenBatchAsync(string batchId)
    {
        if (!state.State.OpenBatches.Contains(batchId, StringComparer.Ordinal))
        {
            await state.WriteOrKeepAsync(state.State with { OpenBatches = [.. state.State.OpenBatches.Append(batchId)] });
        }
    }

    public async Task CloseBatchAsync(string batchId)
    {
        if (state.State.OpenBatches.Contains(batchId, StringComparer.Ordinal))
        {
            await state.WriteOrKeepAsync(state.State with { OpenBatches = [.. state.State.OpenBatches.Where(b => b != batchId)] });
        }
    }

    public async Task EnqueueAsync(IReadOnlyList<LineJob> jobs)
    {
        foreach (var job in jobs)
        {
            Queue(job, atHead: false);
        }

        await DispatchAsync();
    }

    public async Task RequeueAsync(LineJob job)
    {
        Queue(job, atHead: true);
        await DispatchAsync();
    }

    public async Task StationReadyAsync(string stationId)
    {
        if (_stations.ContainsKey(stationId) && _ready.Add(stationId))
        {
            await DispatchAsync();
        }
    }

    public Task StationUnavailableAsync(string stationId)
    {
        _ready.Remove(stationId);
        return Task.CompletedTask;
    }

    private void Queue(LineJob job, bool atHead)
    {
        if (!_queued.Add(job.JobId))
        {
            return;
        }

        if (job.AssignedStation is { } station)
        {
            if (!_pinned.TryGetValue(station, out var pinned))
            {
                _pinned[station] = pinned = new Queue<LineJob>();
            }

            pinned.Enqueue(job);
            return;
        }

        var key = Key(job.CardType, job.Application);
        if (!_queues.TryGetValue(key, out var queue))
        {
            _queues[key] = queue = new LinkedList<LineJob>();
        }

        if (atHead)
        {
            queue.AddFirst(job);
        }
        else
        {
            queue.AddLast(job);
        }
    }

    /// <summary>Offers each ready station the next job it can encode, until no ready station can take a queued job.</summary>
    private async Task DispatchAsync()
    {
        if (_queued.Count == 0 || _ready.Count == 0)
        {
            return;
        }

        foreach (var stationId in _ready.ToList())
        {
            if (_queued.Count == 0)
            {
                return;
            }

            if (Next(stationId) is { } job)
            {
                _ready.Remove(stationId);
                _queued.Remove(job.JobId);
                await GrainFactory.GetGrain<IStationDispatchGrain>(stationId).OfferAsync(job);
            }
        }
    }

    /// <summary>The job the station takes next: one the card says it holds, else the oldest it can encode (one it lost goes to another station first).</summary>
    private LineJob? Next(string stationId)
    {
        if (_pinned.TryGetValue(stationId, out var pinned) && pinned.TryDequeue(out var own))
        {
            return own;
        }

        var station = _stations[stationId];
        foreach (var cardType in station.CardTypes)
        {
            foreach (var application in station.Profiles)
            {
                if (!_queues.TryGetValue(Key(cardType, application), out var queue))
                {
                    continue;
                }

                for (var node = queue.First; node is not null; node = node.Next)
                {
                    if (node.Value.NotStation != stationId || _stations.Count == 1)
                    {
                        queue.Remove(node);
                        return node.Value;
                    }
                }
            }
        }

        return null;
    }

    private static string Key(string cardType, string application) => cardType + "\n" + application.ToUpperInvariant();
}

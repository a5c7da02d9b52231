using CardActors.Grains.Cards;
using CardActors.Grains.ClusterSecurity;
using CardActors.Grains.Configuration;
using CardActors.Grains.Hosting;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace CardActors.Grains.Stations;

/*
 * A station grain: one per station id, bound to one reader on one production line.
 *
 * Leases. The station's process keeps it online with heartbeats (HeartbeatAsync); each starts the
 * heartbeat lease again and renews the process's observer subscription, which expires with it
 * (Orleans' ObserverManager). The station holds at most one job. A job has a lease (started by its
 * assignment, renewed by the claim and by extensions) and a timeout (from its assignment). A grain
 * timer compares these with the clock while the station is online or holds a job; a reminder, set
 * while the station holds a job, brings the grain back after a deactivation or a silo's death, so the
 * job's deadline holds even then. When the station goes offline, or the job's lease or timeout
 * lapses, the card takes the job back (TakeOverJobAsync: the physical card here is voided) and the
 * line gives the new job to another station.
 *
 * Who is the truth. The card is the truth for its job: the claim binds the job to the station on
 * the card, so no second station can claim or report a job this one claimed, and a result counts once
 * because the card keeps it once (idempotent by job id). An offer only asks the card whether the job
 * is still to be done and by whom (AssignJobAsync records nothing: one card write, and the drain of its
 * user report, fewer per card); the line offers a job to one station at a time, and should two ever
 * hold the same unclaimed job (a line that lost its queue in a crash offers it again), the first claim
 * wins and the other station drops the job when the card refuses its claim. The station stores the
 * job it holds (so a grain activated again knows it) and its counters; a result does not write the
 * station (the next assignment stores the counters), so a crash can lose the count of a station's
 * last card, never a card.
 *
 * No call cycles. The line calls the station one-way (OfferAsync) and the station tells the line
 * one-way when it is ready, busy, offline or hands a job back, so neither ever waits for the other.
 */

/// <summary>A production station: registration, heartbeat lease, one job at a time with a lease and a timeout, counters.</summary>
[GrainType("station")]
public sealed partial class StationGrain : Grain, IStationGrain, IStationDispatchGrain, IOutboxGrain, IRemindable
{
    private const string LeaseReminder = "station-leases";

    private readonly IPersistentState<StationRecord> _state;
    private readonly OutboxCommitter<StationRecord> _outbox;
    private readonly TimeProvider _time;
    private readonly StationOptions _options;
    private readonly ILogger<StationGrain> _logger;
    private readonly ObserverManager<IStationJobObserver> _observers;

    /// <summary>When this activation saw each of the cards it finished within the last hour (for cards per hour).</summary>
    private readonly Queue<DateTimeOffset> _finished = new();

    private DateTimeOffset _activatedAt;
    private DateTimeOffset _leaseUntil;
    private DateTimeOffset? _lastHeartbeat;
    private DateTimeOffset _jobLeaseUntil;
    private IStationJobObserver? _observer;
    private bool _online;
    private IGrainTimer? _timer;
    private bool _reminderSet;

    public StationGrain([PersistentState("station")] IPersistentState<StationRecord> state, OutboxDrainer drainer, TimeProvider time,
        IOptions<CardActorsDomainOptions> options, ILogger<StationGrain> logger)
    {
        _state = state;
        _outbox = new OutboxCommitter<StationRecord>(state, drainer, () => this.GetGrainId());
        _time = time;
        _options = options.Value.Stations;
        _logger = logger;
        _observers = new ObserverManager<IStationJobObserver>(_options.HeartbeatLease, logger);
    }

    private string Id => this.GetPrimaryKeyString();

    private StationRecord Station => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    private ILineDispatchGrain Line => GrainFactory.GetGrain<ILineDispatchGrain>(Station.LineId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = Now;
        await _outbox.TryDrainAsync();
        if (Station.CurrentJob is { } held)
        {
            // A result may have reached the card after the job was last stored: a finished job is not held any more.
            ProductionJob? job;
            try
            {
                job = await GrainFactory.GetGrain<ICardProductionGrain>(held.CardId).GetJobAsync(held.JobId);
            }
            catch (DomainException)
            {
                job = null;
            }

            if (job is null || job.Status is not (ProductionJobStatus.Pending or ProductionJobStatus.Claimed) || (job.StationId is { } bound && bound != Id))
            {
                _state.State = Station with { CurrentJob = null };
                return;
            }

            // The process had no chance to renew either lease while the grain was gone: each gets one full period.
            _leaseUntil = _activatedAt + _options.HeartbeatLease;
            _jobLeaseUntil = _activatedAt + _options.JobLease;
            _reminderSet = true;
            EnsureTimer();
        }
    }

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    public async Task<StationDetails> RegisterAsync(RegisterStationCommand command)
    {
        if (ProvenCaller.Current is { Role: ClusterRole.Station } station)
        {
            throw new DomainException(ErrorCodes.CallerForbidden, ErrorKind.Forbidden, $"Station {station.Name} may not register stations: an admin does.",
                new Dictionary<string, string> { ["stationId"] = Id, ["provenStationId"] = station.Name });
        }

        var cardTypes = Distinct(command.CardTypes);
        var profiles = Distinct(command.Profiles);
        var failures = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.LineId))
        {
            failures["lineId"] = ["required"];
        }

        if (string.IsNullOrWhiteSpace(command.Reader))
        {
            failures["reader"] = ["required"];
        }

        if (cardTypes.Count == 0)
        {
            failures["cardTypes"] = ["at least one card type"];
        }

        if (profiles.Count == 0)
        {
            failures["profiles"] = ["at least one profile (the card application, e.g. PIV)"];
        }

        if (failures.Count > 0)
        {
            throw new ValidationFailedException(failures);
        }

        var config = await GrainFactory.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey).GetAsync();
        foreach (var cardType in cardTypes)
        {
            config.CardType(cardType);
        }

        var previous = Station;
        var lineId = command.LineId.Trim();
        var next = previous with
        {
            Exists = true,
            LineId = lineId,
            Reader = command.Reader.Trim(),
            CardTypes = cardTypes,
            Profiles = profiles,
            RegisteredAt = previous.Exists ? previous.RegisteredAt : Now,
        };
        var audit = AuditContext.Record(Now, UseCases.AdminStationRegister, "station", Id, null, null, previous.Exists ? "registered" : null, "registered",
            new { lineId, reader = next.Reader, cardTypes, profiles, previousLineId = previous.Exists && previous.LineId != lineId ? previous.LineId : null });
        await _outbox.CommitAsync(next.WithAudit(audit));

        if (previous.Exists && previous.LineId != lineId)
        {
            await GrainFactory.GetGrain<ILineDispatchGrain>(previous.LineId).LeaveAsync(Id);
        }

        await Line.JoinAsync(new LineStation(Id, cardTypes, profiles));
        await GrainFactory.GetGrain<IStationRegistry>(IStationDirectoryGrain.DefaultKey).AddAsync(Id);
        await ReadyIfIdleAsync();
        return Details();
    }

    public Task<StationDetails> GetAsync()
    {
        Existing();
        return Task.FromResult(Details());
    }

    public async Task<StationHeartbeat> HeartbeatAsync(IStationJobObserver observer)
    {
        CardCommandChecks.EnsureActingStation(Id);
        Existing();
        var now = Now;
        _observers.Subscribe(observer, observer);
        _lastHeartbeat = now;
        _leaseUntil = now + _options.HeartbeatLease;
        var newObserver = !Equals(_observer, observer);
        _observer = observer;
        if (!_online)
        {
            _online = true;
            Log.Online(_logger, Id, Station.LineId);

            // The line may have been activated again without this station: joining is idempotent.
            await Line.JoinAsync(new LineStation(Id, Station.CardTypes, Station.Profiles));
        }

        EnsureTimer();
        if (Station.CurrentJob is { } held)
        {
            if (newObserver)
            {
                // A process started again (or a new one) does not know the job it holds: tell it.
                await observer.JobAssigned(held.ToStationJob());
            }
        }
        else
        {
            // Every heartbeat of an idle station says so: a ready message lost on the way heals within a heartbeat.
            await Line.StationReadyAsync(Id);
        }

        return new StationHeartbeat(_options.HeartbeatLease, Station.CurrentJob?.ToStationJob());
    }

    public async Task SignOffAsync()
    {
        CardCommandChecks.EnsureActingStation(Id);
        Existing();
        _leaseUntil = Now;
        if (_online)
        {
            Log.SignedOff(_logger, Id, Station.LineId);
            await GoOfflineAsync();
        }

        if (Station.CurrentJob is { } held)
        {
            await TakeOverAsync(held, "station signed off");
        }

        // The timer's next check finds the station offline and idle, and stops itself and the reminder.
    }

    public async Task<ProductionWork> ClaimJobAsync(string jobId)
    {
        CardCommandChecks.EnsureActingStation(Id);
        var held = Held(jobId);
        ProductionWork work;
        try
        {
            work = await GrainFactory.GetGrain<ICardProductionGrain>(held.CardId).ClaimJobAsync(jobId, Id);
        }
        catch (DomainException refused) when (refused.Code is ErrorCodes.JobOtherStation or ErrorCodes.JobCancelled or ErrorCodes.JobStateConflict)
        {
            // Another station claimed it first, or it is no longer to be done: not this station's to hold.
            Log.OfferDropped(_logger, Id, jobId, refused.Code);
            await _outbox.WriteAsync(Station with { CurrentJob = null });
            await ReadyIfIdleAsync();
            throw;
        }

        _jobLeaseUntil = Now + _options.JobLease;
        return work;
    }

    public Task ExtendJobLeaseAsync(string jobId)
    {
        CardCommandChecks.EnsureActingStation(Id);
        Held(jobId);
        _jobLeaseUntil = Now + _options.JobLease;
        return Task.CompletedTask;
    }

    public async Task<CardDetails> CompleteJobAsync(string jobId, ProductionJobResult result)
    {
        CardCommandChecks.EnsureActingStation(Id);
        Existing();
        var held = Station.CurrentJob is { } current && current.JobId == jobId ? current : null;
        var cardId = held?.CardId ?? CardIdOf(jobId);
        var details = await GrainFactory.GetGrain<ICardProductionGrain>(cardId).CompleteJobAsync(jobId, Id, result);
        if (held is not null)
        {
            Finished(result.Succeeded);

            // Not stored now: the next assignment stores it (see the design comment).
            _state.State = Station with { CurrentJob = null };
            await ReadyIfIdleAsync();
        }

        return details;
    }

    public async Task OfferAsync(LineJob job)
    {
        if (!Station.Exists || !Online || !CanEncode(job))
        {
            await Line.RequeueAsync(job);
            await Line.StationUnavailableAsync(Id);
            return;
        }

        if (Station.CurrentJob is { } held)
        {
            if (held.JobId == job.JobId)
            {
                await PushAsync(held);
            }
            else
            {
                await Line.RequeueAsync(job);
            }

            return;
        }

        ProductionJob assigned;
        try
        {
            assigned = await GrainFactory.GetGrain<ICardCoordinationGrain>(job.CardId).AssignJobAsync(job.JobId, Id);
        }
        catch (DomainException refused)
        {
            // The card says the job is not to be done (any more), or another station holds it: dropped.
            Log.OfferDropped(_logger, Id, job.JobId, refused.Code);
            await Line.StationReadyAsync(Id);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The card could not be reached or stored: the job goes back; this station asks again with its next heartbeat.
            Log.OfferFailed(_logger, exception, Id, job.JobId);
            await Line.RequeueAsync(job);
            return;
        }

        var now = Now;
        var next = new HeldJob(assigned.JobId, assigned.CardId, assigned.BatchId, assigned.CardType, job.Application, now, now + _options.JobTimeout);
        _jobLeaseUntil = now + _options.JobLease;
        await _outbox.WriteAsync(Station with { CurrentJob = next });
        await EnsureReminderAsync();
        await PushAsync(next);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == LeaseReminder ? CheckLeasesAsync() : Task.CompletedTask;

    /// <summary>The timer's (and the reminder's) check: goes offline when the heartbeat lease lapsed, and gives up the job when a lease or the timeout did.</summary>
    private async Task CheckLeasesAsync()
    {
        var now = Now;
        if (_online && now > _leaseUntil)
        {
            Log.Offline(_logger, Id, Station.LineId, _lastHeartbeat);
            await GoOfflineAsync();
        }

        if (Station.CurrentJob is { } held)
        {
            var reason = now > _leaseUntil ? "station offline"
                : now > held.Deadline ? "job timed out"
                : now > _jobLeaseUntil ? "job lease lapsed"
                : null;
            if (reason is not null)
            {
                await TakeOverAsync(held, reason);
            }
        }

        if (!_online && Station.CurrentJob is null)
        {
            _timer?.Dispose();
            _timer = null;
            if (_reminderSet && await this.GetReminder(LeaseReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderSet = false;
        }
    }

    /// <summary>Offline: no observer gets jobs any more, and the line offers the station none.</summary>
    private Task GoOfflineAsync()
    {
        _online = false;
        _observer = null;
        _observers.Clear();
        return Line.StationUnavailableAsync(Id);
    }

    /// <summary>The card takes the job back (voiding the physical card here if it was claimed); the line gives the job it now has to another station.</summary>
    private async Task TakeOverAsync(HeldJob held, string reason)
    {
        Log.TakeOver(_logger, Id, held.JobId, reason);
        ProductionJob? open = null;
        try
        {
            var job = await GrainFactory.GetGrain<ICardCoordinationGrain>(held.CardId).TakeOverJobAsync(held.JobId, Id, reason);
            open = job.Status == ProductionJobStatus.Pending && job.StationId is null ? job : null;
        }
        catch (DomainException refused)
        {
            // Another station holds it, or it is gone: it was not this station's to give up.
            Log.OfferDropped(_logger, Id, held.JobId, refused.Code);
        }

        if (open is not null)
        {
            if (open.JobId != held.JobId)
            {
                // It was claimed: a physical card was voided here.
                Finished(succeeded: false);
            }

            await Line.RequeueAsync(LineJob.Of(open) with { NotStation = Id });
        }

        await _outbox.WriteAsync(Station with { CurrentJob = null });
        await ReadyIfIdleAsync();
    }

    private async Task PushAsync(HeldJob held)
    {
        var job = held.ToStationJob();
        await _observers.Notify(o => o.JobAssigned(job));
    }

    private Task ReadyIfIdleAsync() => Online && Station.CurrentJob is null ? Line.StationReadyAsync(Id) : Task.CompletedTask;

    private bool Online => _online && Now <= _leaseUntil;

    private bool CanEncode(LineJob job) => new LineStation(Id, Station.CardTypes, Station.Profiles).CanEncode(job);

    private void Finished(bool succeeded)
    {
        _state.State = succeeded ? Station with { Done = Station.Done + 1 } : Station with { Failed = Station.Failed + 1 };
        _finished.Enqueue(Now);
        TrimFinished();
    }

    private void TrimFinished()
    {
        var hourAgo = Now - TimeSpan.FromHours(1);
        while (_finished.Count > 0 && _finished.Peek() < hourAgo)
        {
            _finished.Dequeue();
        }
    }

    private double CardsPerHour()
    {
        TrimFinished();
        var now = Now;
        var span = now - (_activatedAt > now - TimeSpan.FromHours(1) ? _activatedAt : now - TimeSpan.FromHours(1));
        return span <= TimeSpan.Zero ? 0 : _finished.Count / span.TotalHours;
    }

    private void EnsureTimer()
        => _timer ??= this.RegisterGrainTimer(CheckLeasesAsync, new GrainTimerCreationOptions(_options.LeaseCheckInterval, _options.LeaseCheckInterval) { KeepAlive = true });

    private async Task EnsureReminderAsync()
    {
        if (!_reminderSet)
        {
            await this.RegisterOrUpdateReminder(LeaseReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _reminderSet = true;
        }
    }

    private HeldJob Held(string jobId)
    {
        Existing();
        return Station.CurrentJob is { } held && held.JobId == jobId
            ? held
            : throw new DomainException(ErrorCodes.JobNotAssigned, ErrorKind.Conflict, $"Station {Id} does not hold job {jobId}.",
                Cards.DomainErrors.Data("stationId", Id, "jobId", jobId, "currentJobId", Station.CurrentJob?.JobId ?? ""));
    }

    private StationRecord Existing()
        => Station.Exists ? Station : throw new DomainException(ErrorCodes.StationNotFound, ErrorKind.NotFound, $"Station {Id} is not registered.", Cards.DomainErrors.Data("stationId", Id));

    private StationDetails Details()
        => new(Id, Station.LineId, Station.Reader, Station.CardTypes, Station.Profiles, Online, _lastHeartbeat, Station.CurrentJob?.ToStationJob(),
            Station.Done, Station.Failed, CardsPerHour(), Station.RegisteredAt);

    private static string CardIdOf(string jobId)
    {
        var dot = jobId.LastIndexOf('.');
        return dot > 0 ? jobId[..dot] : throw new DomainException(ErrorCodes.JobNotFound, ErrorKind.NotFound, $"Job {jobId} does not exist: job ids are {{cardId}}.{{attempt}}.", Cards.DomainErrors.Data("jobId", jobId));
    }

    private static List<string> Distinct(IReadOnlyList<string>? values)
        => values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static partial class Log
    {
        [LoggerMessage(1401, LogLevel.Information, "Station {StationId} of line {LineId} is online")]
        public static partial void Online(ILogger logger, string stationId, string lineId);

        [LoggerMessage(1402, LogLevel.Warning, "Station {StationId} of line {LineId} is offline: no heartbeat since {LastHeartbeat}")]
        public static partial void Offline(ILogger logger, string stationId, string lineId, DateTimeOffset? lastHeartbeat);

        [LoggerMessage(1403, LogLevel.Warning, "Station {StationId} gives up job {JobId}: {Reason}")]
        public static partial void TakeOver(ILogger logger, string stationId, string jobId, string reason);

        [LoggerMessage(1404, LogLevel.Debug, "Station {StationId} dropped job {JobId}: {Code}")]
        public static partial void OfferDropped(ILogger logger, string stationId, string jobId, string code);

        [LoggerMessage(1405, LogLevel.Warning, "Station {StationId} could not take job {JobId}; it goes back to the line")]
        public static partial void OfferFailed(ILogger logger, Exception exception, string stationId, string jobId);

        [LoggerMessage(1406, LogLevel.Information, "Station {StationId} of line {LineId} signed off")]
        public static partial void SignedOff(ILogger logger, string stationId, string lineId);
    }
}

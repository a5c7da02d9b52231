using System.Globalization;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using CardActors.Grains.Production;
using CardActors.Grains.Security;
using CardActors.Grains.StateMachines;
using CardActors.Runtime;

namespace CardActors.Grains.Cards;

/// <summary>
/// A card of either kind. Every use case follows one pattern: look the transition up in the kind's
/// state table (<see cref="CardStateTables"/>), check it is enabled and its preconditions, then
/// commit the new state together with its outbox entry (audit row, search row, calls owed to other
/// grains). Anything refused throws before the commit, so it changes nothing.
/// </summary>
public sealed class CardGrain : Grain, ICardGrain, ITemporaryCardGrain, ICardProductionGrain, ICardCoordinationGrain, IOutboxGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";
    private const int RememberedKeys = 100;

    private readonly IPersistentState<CardRecord> _state;
    private readonly TimeProvider _time;
    private readonly SecretProtector _secrets;
    private readonly IExternalProducer _producer;
    private readonly OutboxCommitter<CardRecord> _outbox;

    public CardGrain([PersistentState("card")] IPersistentState<CardRecord> state, OutboxDrainer drainer, TimeProvider time, SecretProtector secrets, IExternalProducer producer)
    {
        _state = state;
        _time = time;
        _secrets = secrets;
        _producer = producer;
        _outbox = new OutboxCommitter<CardRecord>(state, drainer, () => GrainId);
    }

    private string Id => GetPrimaryKeyString();

    private CardRecord Card => _state.State;

    private CardStateTable Table => CardStateTables.For(Card.Kind);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _outbox.TryDrainAsync();

    public Task DrainOutboxAsync() => _outbox.DrainAsync();

    // ---- Reading ----

    public Task<CardDetails> GetAsync() => Task.FromResult(CardViews.Details(Id, Existing(CardKind.Permanent)));

    public Task<CardDetails> GetTemporaryAsync() => Task.FromResult(CardViews.Details(Id, Existing(CardKind.Temporary)));

    public Task<CardDetails?> FindAsync() => Task.FromResult(Card.Exists ? CardViews.Details(Id, Card) : null);

    public Task<UserCardReport?> PeekAsync()
        => Task.FromResult(Card.Exists ? new UserCardReport(Id, Card.Kind, Card.State, Card.Version) : null);

    // ---- Permanent cards: request, approval ----

    public Task<CardDetails> RequestAsync(RequestCardCommand command)
        => CreateAsync(UseCases.CardsProcRequest, command.UserId, command.CardType, batchId: null, productionType: null, command.Comment);

    public Task<CardDetails> CreateCardAsync(string useCase, string? userId, string cardType, string? batchId, string? productionType)
        => CreateAsync(useCase, userId, cardType, batchId, productionType, comment: null);

    public Task<CardDetails> ApproveRequestAsync(string? comment = null)
        => DecideAsync(UseCases.CardsProcApproveRequest, comment, approve: true);

    public Task<CardDetails> RejectRequestAsync(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException("reason", "a rejection needs a reason");
        }

        return DecideAsync(UseCases.CardsProcRejectRequest, reason, approve: false);
    }

    public Task<CardDetails> AbortRequestAsync(string? reason = null)
        => SimpleAsync(CardKind.Permanent, UseCases.UsersProcAbortRequest, reason);

    private async Task<CardDetails> DecideAsync(string useCase, string? text, bool approve)
    {
        var card = Existing(CardKind.Permanent);
        Table.EnsureAllowed(Id, useCase, card.State);
        var (_, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, useCase);
        var approver = NamedOperator();
        if (string.Equals(approver, card.RequestedBy, StringComparison.Ordinal))
        {
            throw DomainErrors.SamePerson(Id, approver);
        }

        var transition = Table.Resolve(Id, useCase, card.State);
        await CommitAsync(Transit(card, transition, c => c with { ApprovedBy = approve ? approver : c.ApprovedBy, LastReason = text }, new { reason = text }));
        return CardViews.Details(Id, Card);
    }

    // ---- Permanent cards: issue, activate, deactivate, reactivate, lock, unblock ----

    public async Task<CardDetails> IssueAsync(IssueCardCommand command)
    {
        var isNew = !Card.Exists;
        if (isNew)
        {
            var problems = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(command.UserId))
            {
                problems["userId"] = ["required to issue a new card straight to a user"];
            }

            if (string.IsNullOrWhiteSpace(command.CardType))
            {
                problems["cardType"] = ["required to issue a new card straight to a user"];
            }

            if (problems.Count > 0)
            {
                throw new ValidationFailedException(problems);
            }
        }

        var card = isNew ? NewCard(CardKind.Permanent, command.CardType!, command.UserId!, CardStateTables.Permanent.Start) : Existing(CardKind.Permanent);
        if (!isNew && ((command.UserId is not null && command.UserId != card.UserId) || (command.CardType is not null && command.CardType != card.CardType)))
        {
            throw new ValidationFailedException("userId", "an existing card is issued to its own user and card type; leave userId and cardType empty");
        }

        CardStateTables.Permanent.EnsureAllowed(Id, UseCases.CardsProcIssue, card.State);
        EnsureNoOpenJob(card);
        var (config, type) = await ConfigAsync(card.CardType, CardKind.Permanent);
        EnsureEnabled(type, UseCases.CardsProcIssue);
        await UserGrain(card.UserId!).EnsureActiveAsync();
        var pinned = isNew ? config.Version : card.ConfigVersion;
        if (isNew)
        {
            card = card with { ConfigVersion = pinned };
        }

        var transition = CardStateTables.Permanent.Resolve(Id, UseCases.CardsProcIssue, card.State);
        var job = await NewJobAsync(card, transition, pinned, command.StationId, batchId: null);
        await CommitAsync(Step(card, card with { Jobs = [.. card.Jobs, job], StationId = command.StationId }, UseCases.CardsProcIssue, isNew ? null : card.State,
            new { step = "job-created", jobId = job.Job.JobId, configVersion = pinned }));
        return CardViews.Details(Id, Card);
    }

    public Task<CardDetails> ActivateAsync() => SimpleAsync(CardKind.Permanent, UseCases.CardsProcActivate, null);

    public Task<CardDetails> DeactivateAsync(string? reason = null) => SimpleAsync(CardKind.Permanent, UseCases.CardsProcDeactivate, reason);

    public Task<CardDetails> ReactivateAsync() => SimpleAsync(CardKind.Permanent, UseCases.CardsProcReactivate, null, c => c with { SuspendedByTemporaryCardId = null });

    public Task<CardDetails> LockAsync(string? reason = null) => SimpleAsync(CardKind.Permanent, UseCases.CardsProcLock, reason, c => c with { Certificates = [] });

    public async Task<CardDetails> ApprovePendingAsync()
    {
        var card = Existing(CardKind.Permanent);
        var pending = card.PendingApproval ?? throw new DomainException(ErrorCodes.ApprovalNotPending, ErrorKind.Conflict, $"Card {Id} has nothing waiting for approval.", DomainErrors.Data("cardId", Id));
        var approver = NamedOperator();
        if (string.Equals(approver, pending.RequestedBy, StringComparison.Ordinal))
        {
            throw DomainErrors.SamePerson(Id, approver);
        }

        var transition = Table.Resolve(Id, pending.UseCase, card.State);
        await CheckPreconditionsAsync(card, transition, UseCaseOptions.Default);
        await CommitAsync(Transit(card, transition, c => c with
        {
            PendingApproval = null,
            LastReason = pending.Reason,
            Certificates = transition.To == CardState.Locked ? [] : c.Certificates,
        }, new { reason = pending.Reason, requestedBy = pending.RequestedBy, approvedBy = approver }));
        return CardViews.Details(Id, Card);
    }

    public async Task<CardDetails> RejectPendingAsync(string? reason = null)
    {
        var card = Existing(CardKind.Permanent);
        var pending = card.PendingApproval ?? throw new DomainException(ErrorCodes.ApprovalNotPending, ErrorKind.Conflict, $"Card {Id} has nothing waiting for approval.", DomainErrors.Data("cardId", Id));
        var approver = NamedOperator();
        if (string.Equals(approver, pending.RequestedBy, StringComparison.Ordinal))
        {
            throw DomainErrors.SamePerson(Id, approver);
        }

        await CommitAsync(Step(card, card with { PendingApproval = null }, pending.UseCase, card.State, new { step = "approval-rejected", reason, requestedBy = pending.RequestedBy }));
        return CardViews.Details(Id, Card);
    }

    public async Task<UnblockPinResult> UnblockPinAsync(UnblockPinCommand command)
    {
        byte[] challenge;
        try
        {
            challenge = Convert.FromHexString(command.Challenge ?? "");
        }
        catch (FormatException)
        {
            challenge = [];
        }

        if (challenge.Length is < 8 or > 64)
        {
            throw new ValidationFailedException("challenge", "must be 8–64 bytes in hex");
        }

        var card = Existing(CardKind.Permanent);
        Table.EnsureAllowed(Id, UseCases.CardsProcUnblockRemote, card.State);
        var (_, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, UseCases.CardsProcUnblockRemote);
        var transition = Table.Resolve(Id, UseCases.CardsProcUnblockRemote, card.State);
        await CheckPreconditionsAsync(card, transition, type.UseCases[UseCases.CardsProcUnblockRemote].Options);
        if (card.EncryptedPuk is null)
        {
            throw new DomainException(ErrorCodes.CardHasNoPuk, ErrorKind.Conflict, $"Card {Id} keeps no PUK.", DomainErrors.Data("cardId", Id));
        }

        var response = CardSecrets.UnblockResponse(_secrets.Unprotect(card.EncryptedPuk, Id), challenge);
        await CommitAsync(Transit(card, transition, null, null));
        return new UnblockPinResult(Id, response, CardViews.Details(Id, Card));
    }

    // ---- External production (permanent) ----

    public Task<CardDetails> OrderAsync(OrderCardCommand command)
        => CreateAsync(UseCases.CardsAddonExtProdProcOrder, command.UserId, command.CardType, batchId: null, command.ProductionType, comment: null);

    public Task<CardDetails> AbortOrderAsync(string? reason = null) => SimpleAsync(CardKind.Permanent, UseCases.CardsAddonExtProdProcAbort, reason);

    public Task<CardDetails> ActivateProducedAsync(string? stationId = null) => StartJobAsync(CardKind.Permanent, UseCases.CardsAddonExtProdProcActivate, stationId);

    // ---- Temporary cards ----

    public Task<CardDetails> AbortTemporaryOrderAsync(string? reason = null) => SimpleAsync(CardKind.Temporary, UseCases.TempCardsAddonExtProdProcAbort, reason);

    public Task<CardDetails> InitializeAsync(string? stationId = null) => StartJobAsync(CardKind.Temporary, UseCases.TempCardsAddonExtProdInitialize, stationId);

    public async Task<CardDetails> AssignAsync(AssignTemporaryCardCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.UserId))
        {
            throw new ValidationFailedException("userId", "required");
        }

        var card = Existing(CardKind.Temporary);
        Table.EnsureAllowed(Id, UseCases.TempCardsProcAssign, card.State);
        var (_, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, UseCases.TempCardsProcAssign);
        var options = type.UseCases[UseCases.TempCardsProcAssign].Options;
        var transition = Table.Resolve(Id, UseCases.TempCardsProcAssign, card.State);
        var activeCards = await UserGrain(command.UserId).ReserveAsync(new CardReservation(Id, CardKind.Temporary, ReservationKind.AssignedTemporaryCard, options.AllowSeveralAssignedTemporaryCards));
        var validUntil = _time.GetUtcNow() + options.TemporaryCardValidity;

        // Registered before the commit: a reminder without its assignment is a no-op, an assignment without its reminder would never expire.
        await RegisterOrUpdateReminder(ExpiryReminder, options.TemporaryCardValidity, TimeSpan.Zero);
        var version = card.Version + 1;
        var suspend = activeCards.Select((cardId, i) => new GrainEffect(EffectKind.SuspendPermanentCard, $"{GrainId}:{version}:s{i}", cardId, OtherId: Id));
        await CommitAsync(Transit(card, transition, c => c with { UserId = command.UserId, ValidUntil = validUntil, SuspendedCardIds = activeCards },
            new { userId = command.UserId, validUntil, suspendedCardIds = activeCards }, suspend));
        return CardViews.Details(Id, Card);
    }

    public async Task<CardDetails> ExtendAsync(ExtendTemporaryCardCommand command)
    {
        var card = Existing(CardKind.Temporary);
        Table.EnsureAllowed(Id, UseCases.TempCardsProcExtend, card.State);
        var (config, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, UseCases.TempCardsProcExtend);
        var options = type.UseCases[UseCases.TempCardsProcExtend].Options;
        var now = _time.GetUtcNow();
        var validUntil = command.ValidUntil ?? now + options.TemporaryCardValidity;
        if (validUntil <= now || validUntil > now + options.TemporaryCardValidity + TimeSpan.FromSeconds(1))
        {
            throw new ValidationFailedException("validUntil", $"must be in the future and at most {options.TemporaryCardValidity} from now");
        }

        EnsureNoOpenJob(card);
        var transition = Table.Resolve(Id, UseCases.TempCardsProcExtend, card.State);
        await RegisterOrUpdateReminder(ExpiryReminder, validUntil - now, TimeSpan.Zero);
        JobRecord? job = command.Reencode ? await NewJobAsync(card, transition, config.Version, card.StationId, null) : null;
        await CommitAsync(Transit(card, transition, c => c with { ValidUntil = validUntil, Jobs = job is null ? c.Jobs : [.. c.Jobs, job] },
            new { validUntil, reencode = command.Reencode, jobId = job?.Job.JobId }));
        return CardViews.Details(Id, Card);
    }

    public async Task<CardDetails> WithdrawAsync(WithdrawReason reason)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ValidationFailedException("reason", "must be Lost or NoLongerNeeded");
        }

        var card = Existing(CardKind.Temporary);
        Table.EnsureAllowed(Id, UseCases.TempCardsProcWithdraw, card.State);
        var (_, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, UseCases.TempCardsProcWithdraw);
        var transition = Table.Resolve(Id, UseCases.TempCardsProcWithdraw, card.State);
        var version = card.Version + 1;
        var resume = reason == WithdrawReason.NoLongerNeeded
            ? card.SuspendedCardIds.Select((cardId, i) => new GrainEffect(EffectKind.ResumePermanentCard, $"{GrainId}:{version}:r{i}", cardId, OtherId: Id))
            : [];
        await CommitAsync(Transit(card, transition, c => c with
        {
            UserId = null,
            ValidUntil = null,
            SuspendedCardIds = [],
            Certificates = [],
            PinHash = null,
            EncryptedPuk = null,
            EncryptedManagementKey = null,
            LastReason = reason.ToString(),
        }, new { reason = reason.ToString(), userId = card.UserId, resumedCardIds = reason == WithdrawReason.NoLongerNeeded ? card.SuspendedCardIds : [] }, resume));
        await UnregisterExpiryAsync();
        return CardViews.Details(Id, Card);
    }

    public async Task<CardDetails> LockTemporaryAsync(string? reason = null)
    {
        var details = await SimpleAsync(CardKind.Temporary, UseCases.TempCardsProcLock, reason, c => c with { Certificates = [] });
        await UnregisterExpiryAsync();
        return details;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder || !Card.Exists || Card.Kind != CardKind.Temporary || Card.State != CardState.Assigned || Card.ValidUntil is not { } validUntil)
        {
            return;
        }

        // Expiry is the system's doing, whatever context the reminder service happened to start in.
        DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
        RequestContext.Remove(DomainRequestContext.CorrelationIdKey);
        var now = _time.GetUtcNow();
        if (validUntil > now)
        {
            // Extended after this reminder was set.
            await RegisterOrUpdateReminder(ExpiryReminder, validUntil - now, TimeSpan.Zero);
            return;
        }

        var transition = Table.Resolve(Id, UseCases.TempCardsExpire, Card.State);
        await CommitAsync(Transit(Card, transition, null, new { validUntil }));
    }

    // ---- Production jobs (stations) ----

    public Task<ProductionJob> GetJobAsync(string jobId) => Task.FromResult(FindJob(jobId).Job);

    public async Task<ProductionWork> ClaimJobAsync(string jobId, string stationId)
    {
        if (string.IsNullOrWhiteSpace(stationId))
        {
            throw new ValidationFailedException("stationId", "required");
        }

        var record = FindJob(jobId);
        if (record.Job.Status is not (ProductionJobStatus.Pending or ProductionJobStatus.Claimed))
        {
            throw DomainErrors.JobState(jobId, record.Job.Status, "claimed");
        }

        // New secrets on every claim: a card half-made under an earlier claim is worthless.
        string? pin = null, puk = null, managementKey = null;
        var claimed = record with { Job = record.Job with { Status = ProductionJobStatus.Claimed, StationId = stationId, ClaimedAt = _time.GetUtcNow() } };
        if (record.Job.Encode)
        {
            pin = CardSecrets.Digits(record.Job.PinLength);
            puk = CardSecrets.Digits(record.Job.PukLength);
            managementKey = CardSecrets.ManagementKey();
            claimed = claimed with
            {
                PinHash = CardSecrets.HashPin(pin),
                EncryptedPuk = _secrets.Protect(puk, Id),
                EncryptedManagementKey = _secrets.Protect(managementKey, Id),
            };
        }

        var card = Card;
        await CommitAsync(Step(card, card with { Jobs = ReplaceJob(card, claimed) }, record.Job.UseCase, card.State,
            new { step = "job-claimed", jobId, stationId, attempt = record.Job.Attempt }));
        return new ProductionWork(claimed.Job, pin, puk, managementKey);
    }

    public async Task<CardDetails> CompleteJobAsync(string jobId, ProductionJobResult result)
    {
        var record = FindJob(jobId);
        var job = record.Job;
        if ((job.Status == ProductionJobStatus.Done && result.Succeeded && result.CardSerial == job.CardSerial)
            || (job.Status == ProductionJobStatus.Failed && !result.Succeeded))
        {
            return CardViews.Details(Id, Card);
        }

        if (job.Status != ProductionJobStatus.Claimed)
        {
            throw DomainErrors.JobState(jobId, job.Status, "completed");
        }

        if (result.Succeeded && string.IsNullOrWhiteSpace(result.CardSerial))
        {
            throw new ValidationFailedException("cardSerial", "required when the job succeeded");
        }

        if (!result.Succeeded && string.IsNullOrWhiteSpace(result.FailureReason))
        {
            throw new ValidationFailedException("failureReason", "required when the job failed");
        }

        var card = Card;
        var now = _time.GetUtcNow();
        if (!result.Succeeded)
        {
            // Nothing of the failed card is kept: its secrets go, the card keeps its state.
            var failed = new JobRecord(job with { Status = ProductionJobStatus.Failed, CompletedAt = now, FailureReason = result.FailureReason }, record.ToState, record.Condition);
            await CommitAsync(Step(card, card with { Jobs = ReplaceJob(card, failed) }, job.UseCase, card.State,
                new { step = "job-failed", jobId, reason = result.FailureReason, stationId = job.StationId }));
            return CardViews.Details(Id, Card);
        }

        var transition = Table.Resolve(Id, job.UseCase, card.State, record.Condition);
        var options = await PinnedOptionsAsync(job.ConfigVersion, card.CardType, job.UseCase);
        try
        {
            await CheckPreconditionsAsync(card, transition, options);
        }
        catch (DomainException refused) when (refused.Code is ErrorCodes.UserNotActive or ErrorCodes.UserHasActiveCard or ErrorCodes.UserNotFound)
        {
            // The user was locked (or got another active card) while the card was being made: the
            // card made is not put into service; the job counts as failed, so nothing is half-valid.
            return await CompleteJobAsync(jobId, ProductionJobResult.Failed($"{refused.Code}: {refused.Message}"));
        }

        var done = record with { Job = job with { Status = ProductionJobStatus.Done, CompletedAt = now, CardSerial = result.CardSerial } };
        await CommitAsync(Transit(card, transition, c => c with
        {
            Jobs = ReplaceJob(c, done),
            Serial = result.CardSerial,
            Certificates = result.CertificateSerials ?? [],
            PinHash = job.Encode ? record.PinHash : c.PinHash,
            EncryptedPuk = job.Encode ? record.EncryptedPuk : c.EncryptedPuk,
            EncryptedManagementKey = job.Encode ? record.EncryptedManagementKey : c.EncryptedManagementKey,
            BatchId = job.BatchId ?? c.BatchId,
        }, new { step = "job-done", jobId, serial = result.CardSerial, stationId = job.StationId, attempt = job.Attempt, configVersion = job.ConfigVersion }));
        return CardViews.Details(Id, Card);
    }

    public async Task<ProductionJob> StartBatchJobAsync(BatchJobRequest request)
    {
        var card = Card.Exists ? Card : throw DomainErrors.CardNotFound(Id);
        var table = Table;
        if (card.LatestJob is { } latest && latest.Job.BatchId == request.BatchId && latest.Job.Status != ProductionJobStatus.Failed)
        {
            // Asked again (the batch grain retried after a crash): the job exists already.
            return latest.Job;
        }

        table.EnsureAllowed(Id, request.UseCase, card.State);
        EnsureNoOpenJob(card);
        var options = await PinnedOptionsAsync(request.ConfigVersion, card.CardType, request.UseCase);
        var condition = request.UseCase == UseCases.CardsBoProcIssueMultiple
            ? options.ActivateAfterIssue ? TransitionCondition.ActivateAfterIssue : TransitionCondition.IssueOnly
            : TransitionCondition.Always;
        var transition = table.Resolve(Id, request.UseCase, card.State, condition);
        await CheckPreconditionsAsync(card, transition, options);
        var job = await NewJobAsync(card, transition, request.ConfigVersion, request.StationId, request.BatchId);
        await CommitAsync(Step(card, card with { Jobs = [.. card.Jobs, job], BatchId = request.BatchId }, request.UseCase, card.State,
            new { step = "job-created", jobId = job.Job.JobId, batchId = request.BatchId, attempt = job.Job.Attempt, configVersion = request.ConfigVersion }));
        return job.Job;
    }

    // ---- External production: dispatcher and producer callbacks ----

    public async Task<bool> DispatchOrderAsync()
    {
        if (!Card.Exists || Card.State != CardState.Processing)
        {
            return false;
        }

        var useCase = Card.Kind == CardKind.Permanent ? UseCases.CardsAddonExtProdProcOrder : UseCases.TempCardsAddonExtProdProcOrder;
        var transition = Table.Resolve(Id, useCase, Card.State, TransitionCondition.Dispatched);
        await SubmitAsync(Card);
        var now = _time.GetUtcNow();
        await CommitAsync(Transit(Card, transition, c => c with { ExternalOrder = c.ExternalOrder! with { SubmittedAt = now } }, new { step = "dispatched" }));
        return true;
    }

    public async Task<ProducerStatusAck> ApplyProducerStatusAsync(ProducerStatusEvent statusEvent)
    {
        if (!Card.Exists)
        {
            throw DomainErrors.CardNotFound(Id);
        }

        if (Card.ProducerEventIds.Contains(statusEvent.EventId))
        {
            return new ProducerStatusAck(statusEvent.EventId, Id, ProducerStatusOutcome.Duplicate, Card.State, null);
        }

        var useCase = Card.Kind == CardKind.Permanent ? UseCases.CardsAddonExtProdProcUpdate : UseCases.TempCardsAddonExtProdProcUpdate;
        var condition = statusEvent.Status switch
        {
            ProducerOrderStatus.InProduction => TransitionCondition.ProducerInProduction,
            ProducerOrderStatus.Produced => TransitionCondition.ProducerProduced,
            _ => TransitionCondition.ProducerFailed,
        };
        var transition = Table.Transitions.FirstOrDefault(t => t.UseCase == useCase && t.Condition == condition && t.From.Contains(Card.State));
        if (transition is null)
        {
            return new ProducerStatusAck(statusEvent.EventId, Id, ProducerStatusOutcome.Ignored, Card.State,
                $"{statusEvent.Status} does not apply to a card in state {Card.State.ToDomainName()}");
        }

        await CommitAsync(Transit(Card, transition, c => c with
        {
            Serial = statusEvent.CardSerial ?? c.Serial,
            LastReason = statusEvent.Reason ?? c.LastReason,
            ExternalOrder = c.ExternalOrder is null ? null : c.ExternalOrder with { LastStatus = statusEvent.Status, LastEventId = statusEvent.EventId },
            ProducerEventIds = Remember(c.ProducerEventIds, statusEvent.EventId),
        }, new { eventId = statusEvent.EventId, status = statusEvent.Status.ToString(), serial = statusEvent.CardSerial, reason = statusEvent.Reason }));
        return new ProducerStatusAck(statusEvent.EventId, Id, ProducerStatusOutcome.Applied, Card.State, null);
    }

    // ---- Effects from other grains ----

    public async Task SuspendForTemporaryCardAsync(string effectKey, string temporaryCardId)
    {
        if (!Card.Exists || Card.HandledEffects.Contains(effectKey) || Card.State != CardState.Active)
        {
            return;
        }

        var transition = Table.Resolve(Id, UseCases.CardsProcDeactivate, Card.State);
        await CommitAsync(Transit(Card, transition, c => c with { SuspendedByTemporaryCardId = temporaryCardId, HandledEffects = Remember(c.HandledEffects, effectKey) },
            new { by = UseCases.TempCardsProcAssign, temporaryCardId }));
    }

    public async Task ResumeAfterTemporaryCardAsync(string effectKey, string temporaryCardId)
    {
        if (!Card.Exists || Card.HandledEffects.Contains(effectKey) || Card.State != CardState.Inactive || Card.SuspendedByTemporaryCardId != temporaryCardId)
        {
            return;
        }

        var transition = Table.Resolve(Id, UseCases.CardsProcReactivate, Card.State);
        try
        {
            var options = await PinnedOptionsAsync(null, Card.CardType, UseCases.CardsProcReactivate);
            await CheckPreconditionsAsync(Card, transition, options);
        }
        catch (DomainException)
        {
            // The user is no longer active, or has another active card: the card stays inactive, as it would for a manual reactivation.
            return;
        }

        await CommitAsync(Transit(Card, transition, c => c with { SuspendedByTemporaryCardId = null, HandledEffects = Remember(c.HandledEffects, effectKey) },
            new { by = UseCases.TempCardsProcWithdraw, temporaryCardId, reason = WithdrawReason.NoLongerNeeded.ToString() }));
    }

    public async Task LockForUserAsync(string effectKey, string userId)
    {
        if (!Card.Exists || Card.HandledEffects.Contains(effectKey) || Card.UserId != userId)
        {
            return;
        }

        var useCase = Card.Kind == CardKind.Permanent ? UseCases.CardsProcLock : UseCases.TempCardsProcLock;
        if (!Table.Allows(useCase, Card.State))
        {
            return;
        }

        var transition = Table.Resolve(Id, useCase, Card.State);
        await CommitAsync(Transit(Card, transition, c => c with
        {
            Certificates = [],
            PendingApproval = null,
            HandledEffects = Remember(c.HandledEffects, effectKey),
            LastReason = "user locked",
        }, new { by = UseCases.UsersProcLock, userId }));
        if (Card.Kind == CardKind.Temporary)
        {
            await UnregisterExpiryAsync();
        }
    }

    // ---- The pattern every use case follows ----

    /// <summary>A use case that only moves the state: table, enabled, preconditions (and the approval step), commit.</summary>
    private async Task<CardDetails> SimpleAsync(CardKind kind, string useCase, string? reason, Func<CardRecord, CardRecord>? mutate = null)
    {
        var card = Existing(kind);
        Table.EnsureAllowed(Id, useCase, card.State);
        var (_, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, useCase);
        var options = type.UseCases[useCase].Options;
        var transition = Table.Resolve(Id, useCase, card.State);
        if (options.ApprovalStep && useCase is UseCases.CardsProcDeactivate or UseCases.CardsProcLock)
        {
            if (card.PendingApproval is { } waiting)
            {
                throw new DomainException(ErrorCodes.ApprovalPending, ErrorKind.Conflict, $"Card {Id} waits for the approval of {waiting.UseCase}.", DomainErrors.Data("cardId", Id, "useCase", waiting.UseCase));
            }

            var pending = new PendingApproval(useCase, transition.To, NamedOperator(), _time.GetUtcNow(), reason);
            await CommitAsync(Step(card, card with { PendingApproval = pending }, useCase, card.State, new { step = "approval-requested", reason }));
            return CardViews.Details(Id, Card);
        }

        await CheckPreconditionsAsync(card, transition, options);
        await CommitAsync(Transit(card, transition, c => (mutate?.Invoke(c) ?? c) with { LastReason = reason ?? c.LastReason }, reason is null ? null : new { reason }));
        return CardViews.Details(Id, Card);
    }

    /// <summary>A use case that ends at a station: the transition happens when its job is done.</summary>
    private async Task<CardDetails> StartJobAsync(CardKind kind, string useCase, string? stationId)
    {
        var card = Existing(kind);
        Table.EnsureAllowed(Id, useCase, card.State);
        EnsureNoOpenJob(card);
        var (config, type) = await ConfigAsync(card.CardType);
        EnsureEnabled(type, useCase);
        var transition = Table.Resolve(Id, useCase, card.State);
        await CheckPreconditionsAsync(card, transition, type.UseCases[useCase].Options);
        var job = await NewJobAsync(card, transition, config.Version, stationId, null);
        await CommitAsync(Step(card, card with { Jobs = [.. card.Jobs, job], StationId = stationId ?? card.StationId }, useCase, card.State,
            new { step = "job-created", jobId = job.Job.JobId, configVersion = config.Version }));
        return CardViews.Details(Id, Card);
    }

    /// <summary>The use cases that bring a card into being: request (single or batch), order (single, batch, temporary), request temporary.</summary>
    private async Task<CardDetails> CreateAsync(string useCase, string? userId, string cardType, string? batchId, string? productionType, string? comment)
    {
        var kind = useCase.StartsWith("Temp", StringComparison.Ordinal) ? CardKind.Temporary : CardKind.Permanent;
        var needsUser = kind == CardKind.Permanent || useCase == UseCases.TempCardsAddonExtProdProcOrder;
        var problems = new Dictionary<string, string[]>();
        if (needsUser && string.IsNullOrWhiteSpace(userId))
        {
            problems["userId"] = ["required"];
        }

        if (string.IsNullOrWhiteSpace(cardType))
        {
            problems["cardType"] = ["required"];
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        var table = CardStateTables.For(kind);
        if (Card.Exists)
        {
            if (Card.Kind != kind)
            {
                throw DomainErrors.WrongKind(Id, Card.Kind);
            }

            table.EnsureAllowed(Id, useCase, Card.State);
            EnsureNoOpenJob(Card);
            throw new DomainException(ErrorCodes.CardAlreadyExists, ErrorKind.Conflict, $"Card {Id} exists already.", DomainErrors.Data("cardId", Id));
        }

        var (config, type) = await ConfigAsync(cardType, kind);
        EnsureEnabled(type, useCase);
        var options = type.UseCases[useCase].Options;
        var isOrder = useCase is UseCases.CardsAddonExtProdProcOrder or UseCases.CardsAddonExtProdBoProcOrderMultiple or UseCases.TempCardsAddonExtProdProcOrder;
        var condition = isOrder
            ? options.QueueExternalOrders ? TransitionCondition.Queued : TransitionCondition.NotQueued
            : options.ApprovalStep ? TransitionCondition.ApprovalStep : TransitionCondition.NoApprovalStep;
        var transition = table.Resolve(Id, useCase, table.Start, condition);
        var card = NewCard(kind, cardType, kind == CardKind.Permanent ? userId : null, table.Start) with
        {
            ConfigVersion = config.Version,
            BatchId = batchId,
            RequestedBy = AuditContext.Operator,
            LastReason = comment,
        };
        if (needsUser)
        {
            if ((transition.Preconditions & Preconditions.SingleExternalOrder) != 0)
            {
                await UserGrain(userId!).ReserveAsync(new CardReservation(Id, kind, ReservationKind.ExternalOrder, options.AllowSeveralExternalOrders));
            }
            else
            {
                await UserGrain(userId!).EnsureActiveAsync();
            }
        }

        var now = _time.GetUtcNow();
        if (isOrder)
        {
            card = card with { ExternalOrder = new ExternalOrderInfo(Id, productionType ?? options.ProductionType, now, null, null, null) };
            if (transition.To == CardState.Ordered)
            {
                await SubmitAsync(card);
                card = card with { ExternalOrder = card.ExternalOrder with { SubmittedAt = now } };
            }
        }

        await CommitAsync(Transit(card, transition, null, new { userId, cardType, batchId, configVersion = config.Version, productionType = card.ExternalOrder?.ProductionType, comment }, created: true));
        return CardViews.Details(Id, Card);
    }

    private async Task CheckPreconditionsAsync(CardRecord card, CardTransition transition, UseCaseOptions options)
    {
        var checks = transition.Preconditions;
        if ((checks & Preconditions.SingleActiveCard) != 0)
        {
            await UserGrain(card.UserId!).ReserveAsync(new CardReservation(Id, card.Kind, ReservationKind.ActiveCard, options.AllowSeveralActiveCards));
        }
        else if ((checks & Preconditions.UserActive) != 0 && card.UserId is not null)
        {
            await UserGrain(card.UserId).EnsureActiveAsync();
        }
    }

    private async Task<JobRecord> NewJobAsync(CardRecord card, CardTransition transition, int configVersion, string? stationId, string? batchId)
    {
        var snapshot = await ConfigGrain.GetVersionAsync(configVersion);
        var type = snapshot.CardTypes.TryGetValue(card.CardType, out var t) ? t : throw DomainErrors.CardTypeNotFound(card.CardType);
        var options = type.UseCases.TryGetValue(transition.UseCase, out var setting) ? setting.Options : UseCaseOptions.Default;
        var encode = card.Kind == CardKind.Permanent || options.EncodeTemporaryCard;
        IReadOnlyList<string> certificates = !encode ? [] : options.Certificates.Count > 0 ? options.Certificates : [.. type.Profile.KeySlots.Select(k => k.CertificateTemplate)];
        var attempt = card.Jobs.Count + 1;
        var job = new ProductionJob(
            $"{Id}.{attempt.ToString(CultureInfo.InvariantCulture)}", Id, card.Kind, card.CardType, transition.UseCase, attempt, ProductionJobStatus.Pending,
            batchId, stationId, configVersion, type.Profile, options.PinLength, options.PukLength, encode, certificates, _time.GetUtcNow(), null, null, null, null);
        return new JobRecord(job, transition.To, transition.Condition);
    }

    private async Task SubmitAsync(CardRecord card)
    {
        var config = await ConfigGrain.GetVersionAsync(card.ConfigVersion);
        var profile = config.CardTypes.TryGetValue(card.CardType, out var type) ? type.Profile : CardProfile.DefaultPiv;
        try
        {
            await _producer.SubmitAsync(new ProducerOrder(card.ExternalOrder!.OrderId, Id, card.Kind, card.CardType, card.UserId, card.ExternalOrder.ProductionType, profile, card.ExternalOrder.OrderedAt), CancellationToken.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw DomainErrors.ProducerUnavailable(Id, exception);
        }
    }

    /// <summary>The card after <paramref name="transition"/>, with its outbox entry.</summary>
    /// <param name="created">The card comes into being: its audit row has no from-state.</param>
    private CardRecord Transit(CardRecord current, CardTransition transition, Func<CardRecord, CardRecord>? mutate, object? details, IEnumerable<GrainEffect>? effects = null, bool created = false)
    {
        var next = (mutate?.Invoke(current) ?? current) with { State = transition.To };
        return Changed(current, next, transition.UseCase, created ? null : current.State, details, effects);
    }

    /// <summary>A step of a use case that does not move the state (a job created, claimed or failed; an approval requested).</summary>
    private CardRecord Step(CardRecord current, CardRecord next, string useCase, CardState? from, object details)
        => Changed(current, next, useCase, from, details, null);

    private CardRecord Changed(CardRecord current, CardRecord next, string useCase, CardState? from, object? details, IEnumerable<GrainEffect>? effects)
    {
        var now = _time.GetUtcNow();
        var version = current.Version + 1;
        next = next with { Version = version, UpdatedAt = now };
        var owed = effects?.ToList() ?? [];
        if (next.UserId is { } user)
        {
            owed.Add(new GrainEffect(EffectKind.ReportCardToUser, $"{GrainId}:{version}:u", user, Id, next.Kind, next.State, version));
        }

        if (current.UserId is { } previousUser && previousUser != next.UserId)
        {
            owed.Add(new GrainEffect(EffectKind.ReportCardToUser, $"{GrainId}:{version}:p", previousUser, Id, next.Kind, next.State, version));
        }

        var audit = AuditContext.Record(now, useCase, "card", Id, Id, next.UserId ?? current.UserId, from?.ToDomainName(), next.State.ToDomainName(), details);
        return next with { Outbox = [.. next.Outbox, new OutboxEntry(version, audit, CardViews.Summary(Id, next), null, owed)] };
    }

    private Task CommitAsync(CardRecord next) => _outbox.CommitAsync(next);

    private CardRecord NewCard(CardKind kind, string cardType, string? userId, CardState start)
    {
        var now = _time.GetUtcNow();
        return new CardRecord
        {
            Exists = true,
            Kind = kind,
            CardType = cardType,
            State = start,
            UserId = userId,
            CreatedBy = AuditContext.Operator,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private CardRecord Existing(CardKind kind)
    {
        if (!Card.Exists)
        {
            throw DomainErrors.CardNotFound(Id);
        }

        return Card.Kind == kind ? Card : throw DomainErrors.WrongKind(Id, Card.Kind);
    }

    private void EnsureNoOpenJob(CardRecord card)
    {
        if (card.HasOpenJob)
        {
            throw DomainErrors.ProductionInProgress(Id, card.LatestJob!.Job.JobId);
        }
    }

    private JobRecord FindJob(string jobId)
        => (Card.Exists ? Card.Jobs.FirstOrDefault(j => j.Job.JobId == jobId) : null) ?? throw DomainErrors.JobNotFound(Id, jobId);

    private static IReadOnlyList<JobRecord> ReplaceJob(CardRecord card, JobRecord job) => [.. card.Jobs.Select(j => j.Job.JobId == job.Job.JobId ? job : j)];

    private IConfigurationGrain ConfigGrain => GrainFactory.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);

    private IUserCoordinationGrain UserGrain(string userId) => GrainFactory.GetGrain<IUserCoordinationGrain>(userId);

    private async Task<(ConfigurationSnapshot Config, CardTypeConfiguration Type)> ConfigAsync(string cardType, CardKind? kind = null)
    {
        var config = await ConfigGrain.GetAsync();
        if (!config.CardTypes.TryGetValue(cardType, out var type))
        {
            throw DomainErrors.CardTypeNotFound(cardType);
        }

        if (kind is { } expected && type.Kind != expected)
        {
            throw new ValidationFailedException("cardType", $"{cardType} is a card type for {type.Kind.ToString().ToLowerInvariant()} cards");
        }

        return (config, type);
    }

    /// <summary>The options of a use case in the configuration version it started under (null: the current one).</summary>
    private async Task<UseCaseOptions> PinnedOptionsAsync(int? version, string cardType, string useCase)
    {
        var config = version is { } v ? await ConfigGrain.GetVersionAsync(v) : await ConfigGrain.GetAsync();
        return config.CardTypes.TryGetValue(cardType, out var type) && type.UseCases.TryGetValue(useCase, out var setting) ? setting.Options : UseCaseOptions.Default;
    }

    private static void EnsureEnabled(CardTypeConfiguration type, string useCase)
    {
        if (!type.UseCases.TryGetValue(useCase, out var setting) || !setting.Enabled)
        {
            throw DomainErrors.Disabled(useCase, type.Name);
        }
    }

    /// <summary>Four-eyes needs to know who: an anonymous caller cannot approve.</summary>
    private static string NamedOperator()
        => DomainRequestContext.Operator is { Length: > 0 } op && op != DomainRequestContext.SystemOperator
            ? op
            : throw new ValidationFailedException("operator", $"set {DomainRequestContext.OperatorKey} in the request context");

    private async Task UnregisterExpiryAsync()
    {
        try
        {
            await UnregisterReminder(ExpiryReminder);
        }
        catch (InvalidOperationException)
        {
            // No reminder table (in-memory silo without one): nothing was registered either.
        }
    }

    private static IReadOnlyList<string> Remember(IReadOnlyList<string> keys, string key) => [.. keys.Append(key).TakeLast(RememberedKeys)];
}

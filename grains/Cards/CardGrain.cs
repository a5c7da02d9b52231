using System.Text.Json;
using System.Text.Json.Nodes;
using CardActors.Grains.Configuration;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using CardActors.Grains.Production;
using CardActors.Grains.Security;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Cards;

/*
 * The card grain: one activation per card id, for both card kinds.
 *
 * Why one grain for both kinds. Card ids are one key space: a temporary card and a permanent card
 * can never share an id, and a call of the wrong contract on an id is answered `card.wrong-kind`
 * instead of creating a second card under it. So one grain type ("card", state name "card") serves
 * ICardGrain and ITemporaryCardGrain, and the station (ICardProductionGrain) and the other grains
 * (ICardCoordinationGrain) reach either kind through it. The type name and state name are the
 * storage keys of every existing card: [GrainType] pins the first, the constructor the second, and
 * CardRecord only ever gains fields (with defaults), so stored cards keep loading.
 *
 * Where things are:
 *   CardGrain.cs                  this comment, the fields, and the pattern every use case follows
 *   CardGrain.PermanentCards.cs   ICardGrain: request, approval, issue, activate ... unblock, external order
 *   CardGrain.TemporaryCards.cs   ITemporaryCardGrain, and the expiry reminder (IRemindable)
 *   CardGrain.Production.cs       ICardProductionGrain (stations), and the jobs of batch orders,
 *                                 including Repeat production of a misprinted card
 *   CardGrain.ExternalProduction.cs  the dispatcher and the producer's status callbacks
 *   CardGrain.Coordination.cs     ICardCoordinationGrain's effects from users and temporary cards
 *   CardGrain.Certificates.cs     a job's certificates from the cluster's CA (ICertificateAuthorityGrain)
 *   CardGrain.PinUnblock.cs       the offline PIN unblock: the PUK handed out, a new PUK pending until confirmed
 *   CardCertificates.cs           how the certificates' status follows the card: the effects owed to the CA
 *   ProductionJobs.cs             a job's steps (new, claim, done, failed, voided) as pure functions
 *   CardCommandChecks.cs          the checks a command needs nothing but itself for
 *   CardStateTables (StateMachines/)  both state machines, as data
 *
 * The pattern. Every operator use case checks, in the order the contract promises: the card exists
 * and is of the kind the contract serves (Existing), the kind's state table allows the use case
 * from the current state, the use case is enabled for the card type, then its preconditions (user
 * active, one active card per user ...). BeginAsync does the first three for most of them. Anything
 * refused throws before the commit, so a refused call changes nothing.
 *
 * The commit. A change is a new CardRecord with one OutboxEntry appended per version (Transit for a
 * change of state, Step for a step that keeps it: a job created, claimed or failed, an approval
 * asked), carrying the audit row, the search row and the calls owed to other grains (the user's
 * bookkeeping, suspending or resuming permanent cards, the status of its certificates at the CA).
 * One state write stores both; the drain writes audit and search and delivers the calls afterwards
 * (see OutboxCommitter), so the search can lag the grain but never shows a change it lacks.
 *
 * Production. A use case that ends at a station (issue, initialize, activate an externally
 * produced card, a batch item, a re-encoding extension) does not change the state when it is
 * called: it adds a pending job that remembers the transition to take. A station claims the job
 * and gets new secrets (PIN and PUK in clear once; the card keeps no form of the PIN, and the PUK
 * and management key encrypted); when it reports the job done the card takes the transition, when
 * failed the card stays as it was and keeps nothing of the job. A card found misprinted after its
 * batch job was done is voided: its serial is recorded as voided, its certificates and secrets are
 * dropped, it goes back to the state before the batch and gets a new job, all in one commit.
 *
 * Concurrency. The grain is not reentrant: one call at a time, so a use case reads and writes its
 * card without races. A use case that reserves the user's place (one active card, one assigned
 * temporary card, one external order) runs inside ReleasingOnFailureAsync: if it fails after the
 * reservation, the place is given back at once; if it commits, the card's report confirms it. Calls it makes to the user grain interleave there (the user grain is
 * reentrant), and PeekAsync interleaves here, so a user grain can ask this card while the card waits
 * for it. Effects from other grains arrive at least once and carry a key; the card remembers the
 * last keys it applied (HandledEffects) and ignores repeats.
 */

/// <summary>
/// A card of either kind. Every use case follows one pattern: look the transition up in the kind's
/// state table (<see cref="CardStateTables"/>), check it is enabled and its preconditions, then
/// commit the new state together with its outbox entry (audit row, search row, calls owed to other
/// grains). Anything refused throws before the commit, so it changes nothing.
/// </summary>
[GrainType(TypeName)]
public sealed partial class CardGrain : Grain, ICardGrain, ITemporaryCardGrain, ICardProductionGrain, ICardCoordinationGrain, IOutboxGrain, IRemindable
{
    public const string TypeName = "card";
    public const string StateName = "card";
    private const int RememberedKeys = 100;

    private readonly IPersistentState<CardRecord> _state;
    private readonly TimeProvider _time;
    private readonly SecretProtector _secrets;
    private readonly IExternalProducer _producer;
    private readonly OutboxCommitter<CardRecord> _outbox;

    /// <summary>The user whose place the running use case reserved (one call at a time, so one field serves).</summary>
    private string? _reservedWith;

    private bool _inUseCase;

    public CardGrain([PersistentState(StateName)] IPersistentState<CardRecord> state, OutboxDrainer drainer, TimeProvider time, SecretProtector secrets, IExternalProducer producer)
    {
        _state = state;
        _time = time;
        _secrets = secrets;
        _producer = producer;
        _outbox = new OutboxCommitter<CardRecord>(state, drainer, () => this.GetGrainId());
    }

    private string Id => this.GetPrimaryKeyString();

    private CardRecord Card => _state.State;

    private CardStateTable Table => CardStateTables.For(Card.Kind);

    private IConfigurationGrain ConfigGrain => GrainFactory.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Card.RewriteOnActivation)
        {
            // A migration dropped something that must not stay stored (CardRecordMigrations): store the card without it now.
            await _outbox.WriteAsync(Card with { RewriteOnActivation = false });
        }

        await _outbox.TryDrainAsync();
    }

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    // ---- The pattern every use case follows ----

    /// <summary>What the first checks of a use case found: the card, the configuration it was checked against, the use case's options and its transition.</summary>
    private sealed record UseCaseStart(CardRecord Card, ConfigurationSnapshot Config, CardTypeConfiguration Type, UseCaseOptions Options, CardTransition Transition);

    /// <summary>
    /// The checks every operator use case on an existing card starts with, in the contract's order:
    /// the card exists and is of <paramref name="kind"/>, the state table allows the use case, (for a
    /// use case that starts a job) no job is open, the use case is enabled for the card type.
    /// </summary>
    private async Task<UseCaseStart> BeginAsync(CardKind kind, string useCase, bool startsJob = false)
    {
        var card = Existing(kind);
        Table.EnsureAllowed(Id, useCase, card.State);
        if (startsJob)
        {
            EnsureNoOpenJob(card);
        }

        var config = await ConfigGrain.GetAsync();
        var type = config.CardType(card.CardType);
        type.EnsureEnabled(useCase);
        return new UseCaseStart(card, config, type, type.OptionsOf(useCase), Table.Resolve(Id, useCase, card.State));
    }

    /// <summary>A use case that only moves the state: table, enabled, preconditions (and the approval step), commit.</summary>
    /// <param name="check">A check of the use case's own, after the common ones and before the user's preconditions.</param>
    private Task<CardDetails> SimpleAsync(CardKind kind, string useCase, string? reason, Func<CardRecord, CardRecord>? mutate = null, Func<CardRecord, Task>? check = null)
        => ReleasingOnFailureAsync(() => SimpleCoreAsync(kind, useCase, reason, mutate, check));

    private async Task<CardDetails> SimpleCoreAsync(CardKind kind, string useCase, string? reason, Func<CardRecord, CardRecord>? mutate, Func<CardRecord, Task>? check)
    {
        var (card, _, _, options, transition) = await BeginAsync(kind, useCase);
        if (check is not null)
        {
            await check(card);
        }

        if (options.ApprovalStep && useCase is UseCases.CardsProcDeactivate or UseCases.CardsProcLock)
        {
            if (card.PendingApproval is { } waiting)
            {
                throw new DomainException(ErrorCodes.ApprovalPending, ErrorKind.Conflict, $"Card {Id} waits for the approval of {waiting.UseCase}.", DomainErrors.Data("cardId", Id, "useCase", waiting.UseCase));
            }

            var pending = new PendingApproval(useCase, transition.To, CardCommandChecks.NamedOperator(), _time.GetUtcNow(), reason);
            return await CommitAsync(Step(card, card with { PendingApproval = pending }, useCase, card.State, new { step = "approval-requested", reason }));
        }

        await CheckPreconditionsAsync(card, transition, options);
        return await CommitAsync(Transit(card, transition, c => (mutate?.Invoke(c) ?? c) with { LastReason = reason ?? c.LastReason }, reason is null ? null : new { reason }));
    }

    /// <summary>A use case that ends at a station: the transition happens when its job is done.</summary>
    private Task<CardDetails> StartJobAsync(CardKind kind, string useCase, string? stationId)
        => ReleasingOnFailureAsync(() => StartJobCoreAsync(kind, useCase, stationId));

    private async Task<CardDetails> StartJobCoreAsync(CardKind kind, string useCase, string? stationId)
    {
        var (card, config, _, options, transition) = await BeginAsync(kind, useCase, startsJob: true);
        await CheckPreconditionsAsync(card, transition, options);
        var job = ProductionJobs.New(Id, card, transition, config, stationId, null, _time.GetUtcNow());
        return await CommitAsync(JobCreated(card, card with { StationId = stationId ?? card.StationId }, job, useCase));
    }

    /// <summary>The use cases that bring a card into being: request (single or batch), order (single, batch, temporary), request temporary.</summary>
    private Task<CardDetails> CreateAsync(string useCase, string? userId, string cardType, string? batchId, string? productionType, string? comment)
        => ReleasingOnFailureAsync(() => CreateCoreAsync(useCase, userId, cardType, batchId, productionType, comment));

    private async Task<CardDetails> CreateCoreAsync(string useCase, string? userId, string cardType, string? batchId, string? productionType, string? comment)
    {
        var kind = useCase.StartsWith("Temp", StringComparison.Ordinal) ? CardKind.Temporary : CardKind.Permanent;
        var needsUser = kind == CardKind.Permanent || useCase == UseCases.TempCardsAddonExtProdProcOrder;
        CardCommandChecks.EnsureCreatable(needsUser, userId, cardType);
        var table = CardStateTables.For(kind);
        if (Card.Exists)
        {
            // The id is taken: say why in the terms of the card that holds it (wrong kind, wrong state, busy) before saying it exists.
            if (Card.Kind != kind)
            {
                throw DomainErrors.WrongKind(Id, Card.Kind);
            }

            table.EnsureAllowed(Id, useCase, Card.State);
            EnsureNoOpenJob(Card);
            throw new DomainException(ErrorCodes.CardAlreadyExists, ErrorKind.Conflict, $"Card {Id} exists already.", DomainErrors.Data("cardId", Id));
        }

        var config = await ConfigGrain.GetAsync();
        var type = config.CardType(cardType, kind);
        type.EnsureEnabled(useCase);
        var options = type.OptionsOf(useCase);
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
                await ReserveAsync(userId!, new CardReservation(Id, kind, ReservationKind.ExternalOrder, options.AllowSeveralExternalOrders, Card.Version));
            }
            else
            {
                await UserGrain(userId!).EnsureActiveAsync();
            }
        }

        if (isOrder)
        {
            card = await NewOrderAsync(card, productionType ?? options.ProductionType, sendNow: transition.To == CardState.Ordered);
        }

        return await CommitAsync(Transit(card, transition, null, new { userId, cardType, batchId, configVersion = config.Version, productionType = card.ExternalOrder?.ProductionType, comment }, created: true));
    }

    /// <summary>The per-user checks of a transition; the limits reserve the user's place for this card.</summary>
    private async Task CheckPreconditionsAsync(CardRecord card, CardTransition transition, UseCaseOptions options)
    {
        var checks = transition.Preconditions;
        if ((checks & Preconditions.SingleActiveCard) != 0)
        {
            await ReserveAsync(card.UserId!, new CardReservation(Id, card.Kind, ReservationKind.ActiveCard, options.AllowSeveralActiveCards, card.Version));
        }
        else if ((checks & Preconditions.UserActive) != 0 && card.UserId is not null)
        {
            await UserGrain(card.UserId).EnsureActiveAsync();
        }
    }

    /// <summary>Reserves the user's place for this card, remembering it so that a failure of the use case gives it back.</summary>
    private async Task<IReadOnlyList<string>> ReserveAsync(string userId, CardReservation reservation)
    {
        var activeCards = await UserGrain(userId).ReserveAsync(reservation);
        _reservedWith = userId;
        return activeCards;
    }

    /// <summary>
    /// Runs a use case that may reserve the user's place; when it fails after reserving, the place is
    /// released at once (the user grain would otherwise hold it until its lease runs out). The card as
    /// it now is goes with the release, so a change that was committed after all keeps its place.
    /// </summary>
    private async Task<T> ReleasingOnFailureAsync<T>(Func<Task<T>> useCase)
    {
        if (_inUseCase)
        {
            return await useCase();
        }

        _inUseCase = true;
        _reservedWith = null;
        try
        {
            return await useCase();
        }
        catch when (_reservedWith is not null)
        {
            var userId = _reservedWith;
            try
            {
                await UserGrain(userId).ReleaseAsync(Id, Card.Exists ? new UserCardReport(Id, Card.Kind, Card.State, Card.Version) : null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The user grain is unreachable too: its lease frees the place. The use case's own error is the one to report.
            }

            throw;
        }
        finally
        {
            _inUseCase = false;
            _reservedWith = null;
        }
    }

    private async Task ReleasingOnFailureAsync(Func<Task> useCase)
        => await ReleasingOnFailureAsync(async () =>
        {
            await useCase();
            return true;
        });

    /// <summary>The options of a use case in the configuration version it started under (null: the current one).</summary>
    private async Task<UseCaseOptions> PinnedOptionsAsync(int? version, string cardType, string useCase)
    {
        var config = version is { } v ? await ConfigGrain.GetVersionAsync(v) : await ConfigGrain.GetAsync();
        return config.OptionsOf(cardType, useCase);
    }

    // ---- Changes and their outbox entries ----

    /// <summary>The card after <paramref name="transition"/>, with its outbox entry.</summary>
    /// <param name="created">The card comes into being: its audit row has no from-state.</param>
    private CardRecord Transit(CardRecord current, CardTransition transition, Func<CardRecord, CardRecord>? mutate, object? details, IEnumerable<GrainEffect>? effects = null, bool created = false)
    {
        var next = (mutate?.Invoke(current) ?? current) with { State = transition.To };

        // However a card gets locked (operator, approval, its user), or a temporary card withdrawn, its
        // certificates are revoked: dropped here, Changed tells the CA (CardCertificates.Effects).
        if (transition.To == CardState.Locked || transition.UseCase == UseCases.TempCardsProcWithdraw)
        {
            next = next with { Certificates = [] };
        }

        // Every transition goes through here, so no use case that abandons a job can forget to cancel it.
        if (ProductionJobs.CancelOpenJob(next, transition.UseCase, _time.GetUtcNow()) is var (withoutJob, cancelled))
        {
            next = withoutJob;
            details = WithCancelledJob(details, cancelled);
        }

        return Changed(current, next, transition.UseCase, created ? null : current.State, details, effects);
    }

    /// <summary>The transition's audit details with the job it cancelled, so the audit trail says which station work stopped counting and why.</summary>
    private static JsonObject WithCancelledJob(object? details, ProductionJob cancelled)
    {
        var merged = details is null ? [] : JsonSerializer.SerializeToNode(details, details.GetType()) as JsonObject ?? [];
        merged["cancelledJob"] = new JsonObject
        {
            ["jobId"] = cancelled.JobId,
            ["useCase"] = cancelled.UseCase,
            ["batchId"] = cancelled.BatchId,
            ["stationId"] = cancelled.StationId,
            ["attempt"] = cancelled.Attempt,
            ["reason"] = cancelled.FailureReason,
        };
        return merged;
    }

    /// <summary>A step of a use case that does not move the state (a job created, claimed or failed; an approval requested).</summary>
    private CardRecord Step(CardRecord current, CardRecord next, string useCase, CardState? from, object details)
        => Changed(current, next, useCase, from, details, null);

    /// <summary>The step that adds <paramref name="job"/> to <paramref name="next"/> (which may already hold other changes of <paramref name="current"/>).</summary>
    /// <param name="newCard">The card comes into being with this job (issued straight to a user): its audit row has no from-state.</param>
    private CardRecord JobCreated(CardRecord current, CardRecord next, JobRecord job, string useCase, bool newCard = false)
    {
        var created = job.Job;
        return Step(current, next with { Jobs = [.. next.Jobs, job] }, useCase, newCard ? null : current.State,
            new { step = "job-created", jobId = created.JobId, batchId = created.BatchId, attempt = created.Attempt, configVersion = created.ConfigVersion });
    }

    private CardRecord Changed(CardRecord current, CardRecord next, string useCase, CardState? from, object? details, IEnumerable<GrainEffect>? effects)
    {
        var now = _time.GetUtcNow();
        var version = current.Version + 1;
        next = next with { Version = version, UpdatedAt = now };
        var owed = effects?.ToList() ?? [];
        if (next.UserId is { } user)
        {
            owed.Add(new GrainEffect(EffectKind.ReportCardToUser, $"{this.GetGrainId()}:{version}:u", user, Id, next.Kind, next.State, version));
        }

        if (current.UserId is { } previousUser && previousUser != next.UserId)
        {
            owed.Add(new GrainEffect(EffectKind.ReportCardToUser, $"{this.GetGrainId()}:{version}:p", previousUser, Id, next.Kind, next.State, version));
        }

        owed.AddRange(CardCertificates.Effects($"{this.GetGrainId()}:{version}", Id, current, next, version));

        var audit = AuditContext.Record(now, useCase, "card", Id, Id, next.UserId ?? current.UserId, from?.ToDomainName(), next.State.ToDomainName(), details);
        return next with { Outbox = [.. next.Outbox, new OutboxEntry(version, audit, CardViews.Summary(Id, next), null, owed)] };
    }

    /// <summary>Stores <paramref name="next"/> with its outbox entries and answers the card as it now is.</summary>
    private async Task<CardDetails> CommitAsync(CardRecord next)
    {
        await _outbox.CommitAsync(next);
        return CardViews.Details(Id, Card);
    }

    // ---- Lookups ----

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

    /// <summary>The card, or <c>card.not-found</c>; with <paramref name="kind"/>, <c>card.wrong-kind</c> for the other kind.</summary>
    private CardRecord Existing(CardKind? kind = null)
    {
        if (!Card.Exists)
        {
            throw DomainErrors.CardNotFound(Id);
        }

        return kind is null || Card.Kind == kind ? Card : throw DomainErrors.WrongKind(Id, Card.Kind);
    }

    private void EnsureNoOpenJob(CardRecord card)
    {
        if (card.HasOpenJob)
        {
            throw DomainErrors.ProductionInProgress(Id, card.LatestJob!.Job.JobId);
        }
    }

    private IUserCoordinationGrain UserGrain(string userId) => GrainFactory.GetGrain<IUserCoordinationGrain>(userId);

    private static IReadOnlyList<string> Remember(IReadOnlyList<string> keys, string key) => [.. keys.Append(key).TakeLast(RememberedKeys)];
}

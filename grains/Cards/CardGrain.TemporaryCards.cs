using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;

namespace CardActors.Grains.Cards;

/// <summary>
/// <see cref="ITemporaryCardGrain"/>: the temporary (pool) card's use cases, and its expiry (a durable
/// reminder, <see cref="IRemindable"/>). Temporary cards come into being through the pool grain
/// (<c>CreateCardAsync</c>, in <c>CardGrain.Coordination.cs</c>).
/// </summary>
public sealed partial class CardGrain
{
    private const string ExpiryReminder = "expiry";

    private static readonly TimeSpan ExpiryRetryPeriod = TimeSpan.FromMinutes(1);

    public Task<CardDetails> GetTemporaryAsync() => Task.FromResult(CardViews.Details(Id, Existing(CardKind.Temporary)));

    public Task<CardDetails> AbortTemporaryOrderAsync(string? reason = null) => SimpleAsync(CardKind.Temporary, UseCases.TempCardsAddonExtProdProcAbort, reason);

    public Task<CardDetails> InitializeAsync(string? stationId = null) => StartJobAsync(CardKind.Temporary, UseCases.TempCardsAddonExtProdInitialize, stationId);

    public Task<CardDetails> AssignAsync(AssignTemporaryCardCommand command) => ReleasingOnFailureAsync(() => AssignCoreAsync(command));

    private async Task<CardDetails> AssignCoreAsync(AssignTemporaryCardCommand command)
    {
        CardCommandChecks.EnsureGiven(command.UserId, "userId", "required");
        var (card, _, _, options, transition) = await BeginAsync(CardKind.Temporary, UseCases.TempCardsProcAssign);
        var activeCards = await ReserveAsync(command.UserId, new CardReservation(Id, CardKind.Temporary, ReservationKind.AssignedTemporaryCard, options.AllowSeveralAssignedTemporaryCards, card.Version));
        var validUntil = _time.GetUtcNow() + options.TemporaryCardValidity;

        // Registered before the commit: a reminder without its assignment is a no-op, an assignment without its reminder would never expire.
        await SetExpiryReminderAsync(options.TemporaryCardValidity);
        var version = card.Version + 1;
        var suspend = activeCards.Select((cardId, i) => new GrainEffect(EffectKind.SuspendPermanentCard, $"{this.GetGrainId()}:{version}:s{i}", cardId, OtherId: Id));
        return await CommitAsync(Transit(card, transition, c => c with { UserId = command.UserId, ValidUntil = validUntil, SuspendedCardIds = activeCards },
            new { userId = command.UserId, validUntil, suspendedCardIds = activeCards }, suspend));
    }

    public async Task<CardDetails> ExtendAsync(ExtendTemporaryCardCommand command)
    {
        var (card, config, _, options, transition) = await BeginAsync(CardKind.Temporary, UseCases.TempCardsProcExtend);
        var now = _time.GetUtcNow();
        var validUntil = CardCommandChecks.ExtendedUntil(command.ValidUntil, now, options.TemporaryCardValidity);
        EnsureNoOpenJob(card);
        await SetExpiryReminderAsync(validUntil - now);
        var job = command.Reencode ? ProductionJobs.New(Id, card, transition, config, card.StationId, null, now) : null;
        return await CommitAsync(Transit(card, transition, c => c with { ValidUntil = validUntil, Jobs = job is null ? c.Jobs : [.. c.Jobs, job] },
            new { validUntil, reencode = command.Reencode, jobId = job?.Job.JobId }));
    }

    public async Task<CardDetails> WithdrawAsync(WithdrawReason reason)
    {
        CardCommandChecks.EnsureDefined(reason);
        var (card, _, _, _, transition) = await BeginAsync(CardKind.Temporary, UseCases.TempCardsProcWithdraw);
        var version = card.Version + 1;
        var resumed = reason == WithdrawReason.NoLongerNeeded ? card.SuspendedCardIds : [];
        var resume = reason == WithdrawReason.NoLongerNeeded
            ? resumed.Select((cardId, i) => new GrainEffect(EffectKind.ResumePermanentCard, $"{this.GetGrainId()}:{version}:r{i}", cardId, OtherId: Id))
            : card.SuspendedCardIds.Select((cardId, i) => new GrainEffect(EffectKind.MarkPermanentCardLost, $"{this.GetGrainId()}:{version}:l{i}", cardId, OtherId: Id));
        var details = await CommitAsync(Transit(card, transition, c => c with
        {
            UserId = null,
            ValidUntil = null,
            SuspendedCardIds = [],
            Certificates = [],
            EncryptedPuk = null,
            EncryptedManagementKey = null,
            LastReason = reason.ToString(),
        }, new { reason = reason.ToString(), userId = card.UserId, resumedCardIds = resumed, lostCardIds = reason == WithdrawReason.Lost ? card.SuspendedCardIds : [] }, resume));
        await UnregisterExpiryAsync();
        return details;
    }

    public async Task<CardDetails> LockTemporaryAsync(string? reason = null)
    {
        var details = await SimpleAsync(CardKind.Temporary, UseCases.TempCardsProcLock, reason);
        await UnregisterExpiryAsync();
        return details;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder)
        {
            return;
        }

        if (!Card.Exists || Card.Kind != CardKind.Temporary || Card.State != CardState.Assigned || Card.ValidUntil is not { } validUntil)
        {
            await UnregisterExpiryAsync();
            return;
        }

        // Expiry is the system's doing, whatever context the reminder service happened to start in.
        DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
        RequestContext.Remove(DomainRequestContext.CorrelationIdKey);
        var now = _time.GetUtcNow();
        if (validUntil > now)
        {
            // Extended after this reminder was set.
            await SetExpiryReminderAsync(validUntil - now);
            return;
        }

        var transition = Table.Resolve(Id, UseCases.TempCardsExpire, Card.State);
        await CommitAsync(Transit(Card, transition, null, new { validUntil }));
        await UnregisterExpiryAsync();
    }

    /// <summary>
    /// Orleans reminders are periodic: the first tick comes at the expiry, and the period only
    /// retries an expiry whose commit failed. A tick that finds nothing to expire unregisters it.
    /// </summary>
    private Task<IGrainReminder> SetExpiryReminderAsync(TimeSpan dueIn) => this.RegisterOrUpdateReminder(ExpiryReminder, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, ExpiryRetryPeriod);

    private async Task UnregisterExpiryAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}

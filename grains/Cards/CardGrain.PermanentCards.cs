using CardActors.Grains.Configuration;
using CardActors.Grains.Internal;
using CardActors.Grains.Security;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Cards;

/// <summary>
/// <see cref="ICardGrain"/>: the permanent (personal) card's use cases, including its external order.
/// The station's part of issuing is in <c>CardGrain.Production.cs</c>.
/// </summary>
public sealed partial class CardGrain
{
    public Task<CardDetails> GetAsync() => Task.FromResult(CardViews.Details(Id, Existing(CardKind.Permanent)));

    // ---- Request and approval ----

    public Task<CardDetails> RequestAsync(RequestCardCommand command)
        => CreateAsync(UseCases.CardsProcRequest, command.UserId, command.CardType, batchId: null, productionType: null, command.Comment);

    public Task<CardDetails> ApproveRequestAsync(string? comment = null)
        => DecideAsync(UseCases.CardsProcApproveRequest, comment, approve: true);

    public Task<CardDetails> RejectRequestAsync(string reason)
    {
        CardCommandChecks.EnsureGiven(reason, "reason", "a rejection needs a reason");
        return DecideAsync(UseCases.CardsProcRejectRequest, reason, approve: false);
    }

    public Task<CardDetails> AbortRequestAsync(string? reason = null)
        => SimpleAsync(CardKind.Permanent, UseCases.UsersProcAbortRequest, reason);

    private async Task<CardDetails> DecideAsync(string useCase, string? text, bool approve)
    {
        var (card, _, _, _, transition) = await BeginAsync(CardKind.Permanent, useCase);
        var approver = CardCommandChecks.Approver(Id, card.RequestedBy);
        return await CommitAsync(Transit(card, transition, c => c with { ApprovedBy = approve ? approver : c.ApprovedBy, LastReason = text }, new { reason = text }));
    }

    // ---- Issue, activate, deactivate, reactivate, lock ----

    public async Task<CardDetails> IssueAsync(IssueCardCommand command)
    {
        var isNew = !Card.Exists;
        CardRecord card;
        if (isNew)
        {
            CardCommandChecks.EnsureIssuableAsNew(command);
            card = NewCard(CardKind.Permanent, command.CardType!, command.UserId!, CardStateTables.Permanent.Start);
        }
        else
        {
            card = Existing(CardKind.Permanent);
            CardCommandChecks.EnsureIssuableAsExisting(command, card);
        }

        var table = CardStateTables.Permanent;
        table.EnsureAllowed(Id, UseCases.CardsProcIssue, card.State);
        EnsureNoOpenJob(card);
        var current = await ConfigGrain.GetAsync();
        var type = current.CardType(card.CardType, CardKind.Permanent);
        type.EnsureEnabled(UseCases.CardsProcIssue);

        // domain.md: a card is issued straight to a user only "when Request card is disabled".
        // Otherwise issuing a new card would skip the request and its approval step (four-eyes).
        if (isNew && type.IsEnabled(UseCases.CardsProcRequest))
        {
            throw new DomainException(ErrorCodes.RequestRequired, ErrorKind.Forbidden,
                $"Card type {card.CardType} has {UseCases.CardsProcRequest} enabled: request the card (and have it approved) before issuing it.",
                DomainErrors.Data("cardType", card.CardType, "useCase", UseCases.CardsProcRequest));
        }

        await UserGrain(card.UserId!).EnsureActiveAsync();

        // A card issued straight to a user starts under the current configuration; an approved one
        // keeps the version it was requested under (its PIN length and so on).
        var pinned = isNew ? current : await ConfigGrain.GetVersionAsync(card.ConfigVersion);
        card = card with { ConfigVersion = pinned.Version };
        var transition = table.Resolve(Id, UseCases.CardsProcIssue, card.State);
        var job = ProductionJobs.New(Id, card, transition, pinned, command.StationId, null, _time.GetUtcNow());
        return await CommitAsync(JobCreated(card, card with { StationId = command.StationId }, job, UseCases.CardsProcIssue, newCard: isNew));
    }

    public Task<CardDetails> ActivateAsync() => SimpleAsync(CardKind.Permanent, UseCases.CardsProcActivate, null);

    public Task<CardDetails> DeactivateAsync(string? reason = null) => SimpleAsync(CardKind.Permanent, UseCases.CardsProcDeactivate, reason);

    public Task<CardDetails> ReactivateAsync()
        => SimpleAsync(CardKind.Permanent, UseCases.CardsProcReactivate, null, c => c with { SuspendedByTemporaryCardId = null }, EnsureNotHeldBackAsync);

    /// <summary>
    /// An inactive card that a temporary card stands in for comes back only with that card's
    /// withdrawal (as no longer needed); one reported lost never comes back. Without this, an
    /// operator could reactivate a lost card, or have two cards of the user valid at once.
    /// </summary>
    private async Task EnsureNotHeldBackAsync(CardRecord card)
    {
        if (card.Lost)
        {
            throw new DomainException(ErrorCodes.CardLost, ErrorKind.Conflict, $"Card {Id} was reported lost: it can only be locked.", DomainErrors.Data("cardId", Id));
        }

        // A temporary card that was locked, or withdrawn while the card could not come back (user
        // inactive then), no longer stands in: the card may then be reactivated by hand.
        if (card.SuspendedByTemporaryCardId is { } temporaryCardId
            && await GrainFactory.GetGrain<ICardCoordinationGrain>(temporaryCardId).StandsInForAsync(Id))
        {
            throw new DomainException(ErrorCodes.CardSuspended, ErrorKind.Conflict,
                $"Card {Id} is inactive while temporary card {temporaryCardId} is assigned: withdraw that card (no longer needed) to bring it back.",
                DomainErrors.Data("cardId", Id, "temporaryCardId", temporaryCardId));
        }
    }

    public Task<CardDetails> LockAsync(string? reason = null) => SimpleAsync(CardKind.Permanent, UseCases.CardsProcLock, reason);

    // ---- The approval step of deactivate and lock ----

    public Task<CardDetails> ApprovePendingAsync() => ReleasingOnFailureAsync(ApprovePendingCoreAsync);

    private async Task<CardDetails> ApprovePendingCoreAsync()
    {
        var card = Existing(CardKind.Permanent);
        var (pending, approver) = PendingFor(card);
        var transition = Table.Resolve(Id, pending.UseCase, card.State);
        await CheckPreconditionsAsync(card, transition, UseCaseOptions.Default);
        return await CommitAsync(Transit(card, transition, c => c with
        {
            PendingApproval = null,
            LastReason = pending.Reason,
        }, new { reason = pending.Reason, requestedBy = pending.RequestedBy, approvedBy = approver }));
    }

    public async Task<CardDetails> RejectPendingAsync(string? reason = null)
    {
        var card = Existing(CardKind.Permanent);
        var (pending, _) = PendingFor(card);
        return await CommitAsync(Step(card, card with { PendingApproval = null }, pending.UseCase, card.State, new { step = "approval-rejected", reason, requestedBy = pending.RequestedBy }));
    }

    /// <summary>What waits for approval, and who decides: never the operator who asked for it.</summary>
    private (PendingApproval Pending, string Approver) PendingFor(CardRecord card)
    {
        var pending = card.PendingApproval ?? throw DomainErrors.ApprovalNotPending(Id);
        return (pending, CardCommandChecks.Approver(Id, pending.RequestedBy));
    }

    // ---- External production ----

    public Task<CardDetails> OrderAsync(OrderCardCommand command)
        => CreateAsync(UseCases.CardsAddonExtProdProcOrder, command.UserId, command.CardType, batchId: null, command.ProductionType, comment: null);

    public Task<CardDetails> AbortOrderAsync(string? reason = null) => SimpleAsync(CardKind.Permanent, UseCases.CardsAddonExtProdProcAbort, reason);

    public Task<CardDetails> ActivateProducedAsync(string? stationId = null) => StartJobAsync(CardKind.Permanent, UseCases.CardsAddonExtProdProcActivate, stationId);
}

using CardActors.Grains.Internal;

namespace CardActors.Grains.Cards;

/// <summary>
/// <see cref="ICardCoordinationGrain"/>: what other grains ask of a card. Reads for the user and
/// batch grains, creation for batch orders and the pool, and the effects of other cards' and users'
/// changes, each applied once per effect key. The batch jobs are in <c>CardGrain.Production.cs</c>,
/// the dispatcher and producer callbacks in <c>CardGrain.ExternalProduction.cs</c>.
/// </summary>
public sealed partial class CardGrain
{
    public Task<CardDetails?> FindAsync() => Task.FromResult(Card.Exists ? CardViews.Details(Id, Card) : null);

    public Task<UserCardReport?> PeekAsync()
        => Task.FromResult(Card.Exists ? new UserCardReport(Id, Card.Kind, Card.State, Card.Version) : null);

    public Task<CardDetails> CreateCardAsync(string useCase, string? userId, string cardType, string? batchId, string? productionType)
        => CreateAsync(useCase, userId, cardType, batchId, productionType, comment: null);

    public async Task SuspendForTemporaryCardAsync(string effectKey, string temporaryCardId)
    {
        if (!IsNewEffect(effectKey) || Card.State != CardState.Active)
        {
            return;
        }

        var transition = Table.Resolve(Id, UseCases.CardsProcDeactivate, Card.State);
        await CommitAsync(Transit(Card, transition, c => Handled(c, effectKey) with { SuspendedByTemporaryCardId = temporaryCardId },
            new { by = UseCases.TempCardsProcAssign, temporaryCardId }));
    }

    public Task ResumeAfterTemporaryCardAsync(string effectKey, string temporaryCardId) => ReleasingOnFailureAsync(() => ResumeCoreAsync(effectKey, temporaryCardId));

    private async Task ResumeCoreAsync(string effectKey, string temporaryCardId)
    {
        if (!IsNewEffect(effectKey) || Card.State != CardState.Inactive || Card.SuspendedByTemporaryCardId != temporaryCardId)
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

        await CommitAsync(Transit(Card, transition, c => Handled(c, effectKey) with { SuspendedByTemporaryCardId = null },
            new { by = UseCases.TempCardsProcWithdraw, temporaryCardId, reason = WithdrawReason.NoLongerNeeded.ToString() }));
    }

    public async Task MarkLostAfterTemporaryCardAsync(string effectKey, string temporaryCardId)
    {
        if (!IsNewEffect(effectKey) || Card.State != CardState.Inactive || Card.SuspendedByTemporaryCardId != temporaryCardId)
        {
            return;
        }

        // Not a transition: the card was inactive and stays so. What changes is that it can no longer come back.
        await CommitAsync(Step(Card, Handled(Card, effectKey) with { Lost = true, SuspendedByTemporaryCardId = null, LastReason = WithdrawReason.Lost.ToString() },
            UseCases.TempCardsProcWithdraw, Card.State, new { step = "marked-lost", temporaryCardId, reason = WithdrawReason.Lost.ToString() }));
    }

    public Task<bool> StandsInForAsync(string permanentCardId)
        => Task.FromResult(Card is { Exists: true, Kind: CardKind.Temporary, State: CardState.Assigned or CardState.Expired } && Card.SuspendedCardIds.Contains(permanentCardId));

    public async Task LockForUserAsync(string effectKey, string userId)
    {
        if (!IsNewEffect(effectKey) || Card.UserId != userId)
        {
            return;
        }

        // Not the operator's Lock: the user's lock also takes issued cards (see the permanent table's UsersProcLock row).
        var useCase = Card.Kind == CardKind.Permanent ? UseCases.UsersProcLock : UseCases.TempCardsProcLock;
        if (!Table.Allows(useCase, Card.State))
        {
            return;
        }

        var transition = Table.Resolve(Id, useCase, Card.State);
        await CommitAsync(Transit(Card, transition, c => Handled(c, effectKey) with
        {
            PendingApproval = null,
            LastReason = "user locked",
        }, new { by = UseCases.UsersProcLock, userId }));
        if (Card.Kind == CardKind.Temporary)
        {
            await UnregisterExpiryAsync();
        }
    }

    /// <summary>Effects are delivered at least once: only an effect this card has not applied yet counts.</summary>
    private bool IsNewEffect(string effectKey) => Card.Exists && !Card.HandledEffects.Contains(effectKey);

    private static CardRecord Handled(CardRecord card, string effectKey) => card with { HandledEffects = Remember(card.HandledEffects, effectKey) };
}

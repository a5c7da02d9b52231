using static CardActors.Grains.CardState;
using static CardActors.Grains.StateMachines.Preconditions;
using static CardActors.Grains.StateMachines.TransitionCondition;

namespace CardActors.Grains.StateMachines;

/// <summary>
/// The two card state machines, each written once. A test reads docs/card-lifecycle.md's tables and
/// checks every row against these (use case, from-states, to-states), both ways; rows marked
/// <see cref="TransitionOrigin.Implied"/> are the only ones allowed to be missing from it.
/// </summary>
public static class CardStateTables
{
    private const string DispatchNote = "domain.md: queued orders wait in 'processing' until they are sent, then are 'ordered'; the dispatcher sends them.";
    private const string MisprintNote = "domain.md: 'Repeat production for the failed or misprinted ones': a misprinted card's physical card is voided and the card waits, in the state it had before the batch, for its new job.";
    private const string UserLockNote = "domain.md Users: 'Locking a user locks every card of the user and revokes their certificates': an issued card is personalized and holds certificates, so it is locked with the active and inactive ones. Cards not yet produced have none; a job finished for a locked user fails.";
    private const string TemporaryUpdateNote = "domain.md lists 'in production', 'produced', 'failed' for temporary cards; the producer's status updates (the Cards table's 'Update card order') move them.";

    public static CardStateTable Permanent { get; } = new(
        CardKind.Permanent,
        Registered,
        [Registered, Requested, Approved, Rejected, Aborted, Failed, Issued, Active, Inactive, Locked, Expired, Processing, Ordered, InProduction, Produced],
        [
            new(UseCases.CardsProcRequest, [Registered], Requested, UserActive, ApprovalStep),
            new(UseCases.CardsProcRequest, [Registered], Approved, UserActive, NoApprovalStep),
            new(UseCases.CardsProcApproveRequest, [Requested], Approved, FourEyes),
            new(UseCases.CardsProcRejectRequest, [Requested], Rejected, FourEyes),
            new(UseCases.UsersProcAbortRequest, [Requested], Aborted),
            new(UseCases.CardsBoProcRequestMulitple, [Registered], Requested, UserActive, ApprovalStep),
            new(UseCases.CardsBoProcRequestMulitple, [Registered], Approved, UserActive, NoApprovalStep),
            new(UseCases.CardsProcIssue, [Approved, Registered], Issued, UserActive | ProducedAtStation),
            new(UseCases.CardsBoProcIssueMultiple, [Approved], Issued, UserActive | ProducedAtStation, IssueOnly),
            new(UseCases.CardsBoProcIssueMultiple, [Approved], Active, UserActive | ProducedAtStation | SingleActiveCard, ActivateAfterIssue),
            new(UseCases.CardsBoProcVoidMisprinted, [Issued, Active], Approved, NoChecks, Always, TransitionOrigin.Implied, MisprintNote),
            new(UseCases.CardsProcActivate, [Issued], Active, UserActive | SingleActiveCard),
            new(UseCases.CardsProcDeactivate, [Active], Inactive),
            // domain.md: Withdraw temporary card with reason "lost" keeps the permanent card inactive. So
            // Reactivate from inactive is refused while a temporary card stands in for the card
            // (card.suspended: it comes back with that card's withdrawal as no longer needed) and for
            // good once that card was withdrawn as lost (card.lost): a lost card stays inactive and
            // can only be locked. Both are flags of the card (CardRecord.Lost, SuspendedByTemporaryCardId),
            // not states, so that domain.md's state list stays the one the product shows.
            new(UseCases.CardsProcReactivate, [Inactive], Active, UserActive | SingleActiveCard),
            new(UseCases.CardsProcLock, [Active, Inactive], Locked),
            new(UseCases.UsersProcLock, [Issued, Active, Inactive], Locked, Automatic, Always, TransitionOrigin.Implied, UserLockNote),
            new(UseCases.CardsProcUnblockRemote, [Active], Active, UserActive),
            new(UseCases.CardsAddonExtProdProcOrder, [Registered], Processing, UserActive | SingleExternalOrder, Queued),
            new(UseCases.CardsAddonExtProdProcOrder, [Registered], Ordered, UserActive | SingleExternalOrder, NotQueued),
            new(UseCases.CardsAddonExtProdProcOrder, [Processing], Ordered, Automatic, Dispatched, TransitionOrigin.Implied, DispatchNote),
            new(UseCases.CardsAddonExtProdBoProcOrderMultiple, [Registered], Processing, UserActive | SingleExternalOrder, Queued),
            new(UseCases.CardsAddonExtProdBoProcOrderMultiple, [Registered], Ordered, UserActive | SingleExternalOrder, NotQueued),
            new(UseCases.CardsAddonExtProdProcAbort, [Processing], Aborted),
            new(UseCases.CardsAddonExtProdProcUpdate, [Ordered], InProduction, Automatic, ProducerInProduction),
            new(UseCases.CardsAddonExtProdProcUpdate, [Ordered, InProduction], Produced, Automatic, ProducerProduced),
            new(UseCases.CardsAddonExtProdProcUpdate, [Ordered, InProduction], Failed, Automatic, ProducerFailed),
            new(UseCases.CardsAddonExtProdProcActivate, [Produced], Active, UserActive | SingleActiveCard | ProducedAtStation),
        ]);

    public static CardStateTable Temporary { get; } = new(
        CardKind.Temporary,
        None,
        [None, Requested, Aborted, Failed, Unassigned, Assigned, Expired, Locked, Processing, Ordered, InProduction, Produced],
        [
            new(UseCases.TempCardsProcRequest, [None], Requested),
            new(UseCases.TempCardsBoProcIssueMultiple, [Requested], Unassigned, ProducedAtStation),
            new(UseCases.TempCardsBoProcVoidMisprinted, [Unassigned], Requested, NoChecks, Always, TransitionOrigin.Implied, MisprintNote),
            new(UseCases.TempCardsAddonExtProdProcOrder, [None], Processing, UserActive, Queued),
            new(UseCases.TempCardsAddonExtProdProcOrder, [None], Ordered, UserActive, NotQueued),
            new(UseCases.TempCardsAddonExtProdProcOrder, [Processing], Ordered, Automatic, Dispatched, TransitionOrigin.Implied, DispatchNote),
            new(UseCases.TempCardsAddonExtProdProcAbort, [Processing], Aborted),
            new(UseCases.TempCardsAddonExtProdProcUpdate, [Ordered], InProduction, Automatic, ProducerInProduction, TransitionOrigin.Implied, TemporaryUpdateNote),
            new(UseCases.TempCardsAddonExtProdProcUpdate, [Ordered, InProduction], Produced, Automatic, ProducerProduced, TransitionOrigin.Implied, TemporaryUpdateNote),
            new(UseCases.TempCardsAddonExtProdProcUpdate, [Ordered, InProduction], Failed, Automatic, ProducerFailed, TransitionOrigin.Implied, TemporaryUpdateNote),
            new(UseCases.TempCardsAddonExtProdInitialize, [Produced], Unassigned, ProducedAtStation),
            new(UseCases.TempCardsProcAssign, [Unassigned], Assigned, UserActive | SingleAssignedTemporaryCard),
            new(UseCases.TempCardsProcExtend, [Assigned], Assigned),
            new(UseCases.TempCardsProcWithdraw, [Assigned, Expired], Unassigned),
            new(UseCases.TempCardsProcLock, [Assigned, Unassigned], Locked),
            new(UseCases.TempCardsExpire, [Assigned], Expired, Automatic),
        ]);

    public static CardStateTable For(CardKind kind) => kind == CardKind.Permanent ? Permanent : Temporary;
}

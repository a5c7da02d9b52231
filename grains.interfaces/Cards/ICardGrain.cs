
namespace CardActors.Grains;

/// <summary>
/// A permanent (personal) card, keyed by card id. A card comes into being with
/// <see cref="RequestAsync"/>, <see cref="IssueAsync"/> (straight to an active user) or
/// <see cref="OrderAsync"/> on a new id (the API makes it, e.g. a GUID); other methods on an
/// unknown id throw <c>card.not-found</c>, on a temporary card <c>card.wrong-kind</c>.
/// <para>
/// Every use case checks, in this order: the card exists and is permanent, the state table allows
/// it from the current state (else <c>card.invalid-transition</c>), it is enabled for the card type
/// (<c>usecase.disabled</c>), then its preconditions. A refused call changes nothing. The operator
/// and correlation id come from <see cref="DomainRequestContext"/>.
/// </para>
/// </summary>
[Alias("CardActors.ICardGrain")]
public interface ICardGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("GetAsync")]
    Task<CardDetails> GetAsync();

    /// <summary><c>CardsProcRequest</c>: registered → requested (approval option) or approved. User active.</summary>
    [Alias("RequestAsync")]
    Task<CardDetails> RequestAsync(RequestCardCommand command);

    /// <summary><c>CardsProcApproveRequest</c>: requested → approved; the approver must not be the requester.</summary>
    [Alias("ApproveRequestAsync")]
    Task<CardDetails> ApproveRequestAsync(string? comment = null);

    /// <summary><c>CardsProcRejectRequest</c>: requested → rejected (final); four-eyes as for approval.</summary>
    [Alias("RejectRequestAsync")]
    Task<CardDetails> RejectRequestAsync(string reason);

    /// <summary><c>UsersProcAbortRequest</c>: requested → aborted (final).</summary>
    [Alias("AbortRequestAsync")]
    Task<CardDetails> AbortRequestAsync(string? reason = null);

    /// <summary>
    /// <c>CardsProcIssue</c>: approved (or registered, for a new card of an active user) → issued.
    /// Starts a production job (see <see cref="ICardProductionGrain"/>); the card becomes issued when
    /// a station completes it. A failed job leaves the card as it was; issue again for a new job.
    /// </summary>
    [Alias("IssueAsync")]
    Task<CardDetails> IssueAsync(IssueCardCommand command);

    /// <summary><c>CardsProcActivate</c>: issued → active. One active card per user unless the option allows several.</summary>
    [Alias("ActivateAsync")]
    Task<CardDetails> ActivateAsync();

    /// <summary><c>CardsProcDeactivate</c>: active → inactive; with the approval option it waits for <see cref="ApprovePendingAsync"/>.</summary>
    [Alias("DeactivateAsync")]
    Task<CardDetails> DeactivateAsync(string? reason = null);

    /// <summary><c>CardsProcReactivate</c>: inactive → active. User active; one active card per user unless the option allows several.</summary>
    [Alias("ReactivateAsync")]
    Task<CardDetails> ReactivateAsync();

    /// <summary><c>CardsProcLock</c>: active or inactive → locked (final), certificates revoked; with the approval option it waits for <see cref="ApprovePendingAsync"/>.</summary>
    [Alias("LockAsync")]
    Task<CardDetails> LockAsync(string? reason = null);

    /// <summary>Applies the pending deactivation or lock; the approver must not be its requester.</summary>
    [Alias("ApprovePendingAsync")]
    Task<CardDetails> ApprovePendingAsync();

    /// <summary>Drops the pending deactivation or lock; the card stays as it is.</summary>
    [Alias("RejectPendingAsync")]
    Task<CardDetails> RejectPendingAsync(string? reason = null);

    /// <summary>
    /// <c>CardsProcUnblockRemote</c>: active → active. Starts an offline PIN unblock: answers the
    /// card's PUK and a new PUK, once (see <see cref="PinUnblock"/>); the new PUK is kept encrypted,
    /// pending, until <see cref="ConfirmPinUnblockAsync"/>. <c>card.no-puk</c> for a card made without one.
    /// </summary>
    [Alias("StartPinUnblockAsync")]
    Task<PinUnblock> StartPinUnblockAsync();

    /// <summary>
    /// The client set the new PUK on the card: the pending PUK becomes the card's. Without a pending
    /// unblock (confirmed already) it changes nothing, so a confirmation can be repeated.
    /// </summary>
    [Alias("ConfirmPinUnblockAsync")]
    Task<CardDetails> ConfirmPinUnblockAsync();

    /// <summary><c>CardsAddonExtProdProcOrder</c>: registered (user active) → processing (queue option) or ordered (sent to the producer).</summary>
    [Alias("OrderAsync")]
    Task<CardDetails> OrderAsync(OrderCardCommand command);

    /// <summary><c>CardsAddonExtProdProcAbort</c>: processing → aborted; only while the order is queued.</summary>
    [Alias("AbortOrderAsync")]
    Task<CardDetails> AbortOrderAsync(string? reason = null);

    /// <summary>
    /// <c>CardsAddonExtProdProcActivate</c>: produced → active. The card is encoded during activation:
    /// this starts a production job, and the card becomes active when a station completes it.
    /// </summary>
    [Alias("ActivateProducedAsync")]
    Task<CardDetails> ActivateProducedAsync(string? stationId = null);
}


namespace CardActors.Grains.Internal;

/// <summary>What other grains (users, batches, the dispatcher) ask of a card grain. Not for the API.</summary>
[Alias("CardActors.ICardCoordinationGrain")]
public interface ICardCoordinationGrain : IGrainWithStringKey
{
    /// <summary>The card's state for its user's bookkeeping; null when the card does not exist. Interleaves, so a user grain can ask while the card waits for it.</summary>
    [AlwaysInterleave]
    [Alias("PeekAsync")]
    Task<UserCardReport?> PeekAsync();

    /// <summary>The card, or null when it does not exist (batch orders read their items with it).</summary>
    [ReadOnly]
    [Alias("FindAsync")]
    Task<CardDetails?> FindAsync();

    /// <summary>Active → inactive because the temporary card was assigned; once per effect key.</summary>
    [Alias("SuspendForTemporaryCardAsync")]
    Task SuspendForTemporaryCardAsync(string effectKey, string temporaryCardId);

    /// <summary>Inactive → active when the temporary card that suspended it comes back as no longer needed; once per effect key.</summary>
    [Alias("ResumeAfterTemporaryCardAsync")]
    Task ResumeAfterTemporaryCardAsync(string effectKey, string temporaryCardId);

    /// <summary>
    /// The card stays inactive for good (lost) when the temporary card that suspended it is withdrawn
    /// with reason lost; once per effect key.
    /// </summary>
    [Alias("MarkLostAfterTemporaryCardAsync")]
    Task MarkLostAfterTemporaryCardAsync(string effectKey, string temporaryCardId);

    /// <summary>
    /// Whether this temporary card still stands in for <paramref name="permanentCardId"/> (assigned, or
    /// expired and not yet withdrawn). Interleaves: the permanent card asks while it holds its own turn,
    /// and this card may be waiting for it with an effect.
    /// </summary>
    [AlwaysInterleave]
    [Alias("StandsInForAsync")]
    Task<bool> StandsInForAsync(string permanentCardId);

    /// <summary>Locks the card (if its state allows) because its user was locked; once per effect key.</summary>
    [Alias("LockForUserAsync")]
    Task LockForUserAsync(string effectKey, string userId);

    /// <summary>
    /// Brings a new card into being with a creation use case: request or order as an item of a batch
    /// order, or one temporary card of an amount (the pool grain).
    /// </summary>
    [Alias("CreateCardAsync")]
    Task<CardDetails> CreateCardAsync(string useCase, string? userId, string cardType, string? batchId, string? productionType);

    /// <summary>A production job for a batch order: Issue multiple, or Repeat production of a failed one.</summary>
    [Alias("StartBatchJobAsync")]
    Task<ProductionJob> StartBatchJobAsync(BatchJobRequest request);

    /// <summary>
    /// Repeat production of a misprinted card: the card's done job of the batch is voided (its serial
    /// recorded as voided, certificates revoked, secrets dropped, the card back in the state before
    /// the batch) and a new job of the batch is made, in one commit. <c>card.invalid-transition</c>
    /// when the card is no longer in the state the batch left it in; <c>conflict.job-state</c> when
    /// its current card was not made by this batch. When the card's user refuses a new job (not
    /// active), the card is voided all the same and the job returned is the voided one (failed).
    /// </summary>
    [Alias("RepeatMisprintedAsync")]
    Task<ProductionJob> RepeatMisprintedAsync(BatchJobRequest request, string reason);

    /// <summary>
    /// A station of the batch's line is offered the job: answers it when the station may take it, and
    /// records nothing. The station's claim binds the job to it (from then on a claim or result from
    /// another is <c>job.other-station</c>), so an offer costs the card no write. <c>job.other-station</c>
    /// when another station is bound to it; <c>conflict.job-state</c> when the job is no longer pending
    /// (claimed by the same station: answered as is).
    /// </summary>
    [Alias("AssignJobAsync")]
    Task<ProductionJob> AssignJobAsync(string jobId, string stationId);

    /// <summary>
    /// The station that holds the open job is lost (offline, or the job's lease or timeout lapsed): an
    /// unclaimed job is released for another station; a claimed one fails with the physical card at the
    /// lost station voided, and a new job (fresh card, new secrets) is made in the same commit. Answers the
    /// job that is now the card's (the released or new one, pending for any station), or the job as it is
    /// when it was finished already. <c>job.other-station</c> when another station holds it.
    /// </summary>
    [Alias("TakeOverJobAsync")]
    Task<ProductionJob> TakeOverJobAsync(string jobId, string stationId, string reason);

    /// <summary>Sends the queued order to the producer: processing → ordered. False when it is not queued (any more).</summary>
    [Alias("DispatchOrderAsync")]
    Task<bool> DispatchOrderAsync();

    [Alias("ApplyProducerStatusAsync")]
    Task<ProducerStatusAck> ApplyProducerStatusAsync(ProducerStatusEvent statusEvent);
}


namespace CardActors.Grains;

/// <summary>
/// A batch order, keyed by batch id (made by the API). One of the four <c>Start…</c> methods
/// creates it (<c>conflict.batch-exists</c> if the id is taken); other methods on an unknown id
/// throw <c>batch.not-found</c>. At most 10,000 items (<c>amount.out-of-range</c>).
/// </summary>
[Alias("CardActors.IBatchOrderGrain")]
public interface IBatchOrderGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("GetAsync")]
    Task<BatchOrderDetails> GetAsync();

    /// <summary>The batch with a page of its items (from <paramref name="offset"/>, at most <paramref name="limit"/>); the counts, rate and ETA are of all items.</summary>
    [ReadOnly]
    [Alias("GetPageAsync")]
    Task<BatchOrderDetails> GetPageAsync(int offset, int limit);

    /// <summary>
    /// <c>CardsBoProcIssueMultiple</c>: a production job per approved card. Cards the state table
    /// refuses become rejected items; the others are issued (or activated, option) as stations
    /// complete their jobs.
    /// </summary>
    [Alias("StartIssueMultipleCardsAsync")]
    Task<BatchOrderDetails> StartIssueMultipleCardsAsync(IssueMultipleCommand command);

    /// <summary>
    /// <c>CardsProcIssue</c> for one approved card, as a batch of one (kind <see cref="BatchKind.IssueCard"/>), so that
    /// its job is pushed to a station of <see cref="IssueMultipleCommand.LineId"/> and taken over like a batch's; Complete
    /// order and Repeat production work as for a batch. <c>amount.out-of-range</c> unless exactly one card is given.
    /// </summary>
    [Alias("StartIssueCardAsync")]
    Task<BatchOrderDetails> StartIssueCardAsync(IssueMultipleCommand command);

    /// <summary><c>TempCardsBoProcIssueMultiple</c>: a production job per requested temporary card; unassigned when done.</summary>
    [Alias("StartIssueMultipleTemporaryCardsAsync")]
    Task<BatchOrderDetails> StartIssueMultipleTemporaryCardsAsync(IssueMultipleCommand command);

    /// <summary><c>CardsBoProcRequestMulitple</c>: a new card per user, requested or approved (approval option).</summary>
    [Alias("StartRequestMultipleCardsAsync")]
    Task<BatchOrderDetails> StartRequestMultipleCardsAsync(RequestMultipleCommand command);

    /// <summary><c>CardsAddonExtProdBoProcOrderMultiple</c>: a new card per user, processing or ordered.</summary>
    [Alias("StartOrderMultipleCardsAsync")]
    Task<BatchOrderDetails> StartOrderMultipleCardsAsync(RequestMultipleCommand command);

    /// <summary>
    /// Complete order: the operator confirms the batch. <c>conflict.batch-state</c> while jobs are
    /// pending or when completed already. Failed items stay failed: their cards keep the state they
    /// had before the batch, nothing half-valid.
    /// </summary>
    [Alias("CompleteAsync")]
    Task<BatchOrderDetails> CompleteAsync();

    /// <summary>
    /// Repeat production: a new job (a fresh physical card, new secrets) for each failed item, or
    /// for those named; <c>validation.failed</c> for a named card that did not fail. Items named in
    /// <see cref="RepeatProductionCommand.MisprintedCardIds"/> were done but came out wrong: their
    /// physical card is voided (serial in <see cref="CardDetails.VoidedSerials"/>, certificates
    /// revoked) and they are produced again; <c>validation.failed</c> (field <c>misprintedCardIds</c>)
    /// for a card that is not a produced item of this batch, <c>conflict.production-in-progress</c>
    /// for an item still pending, <c>card.invalid-transition</c> for a card that moved on since (e.g.
    /// assigned), <c>conflict.job-state</c> for one made again elsewhere since. <c>conflict.batch-state</c>
    /// once the batch is completed. These checks cover every item before any is repeated. A refusal
    /// that only the card finds (its user was locked meanwhile, it moved on) refuses that item alone:
    /// the others are repeated, and the refused ones come back in <see cref="BatchOrderDetails.Refused"/>
    /// with their codes (and in the batch's audit row).
    /// </summary>
    [Alias("RepeatProductionAsync")]
    Task<BatchOrderDetails> RepeatProductionAsync(RepeatProductionCommand command);
}

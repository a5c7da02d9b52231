
namespace CardActors.Grains;

/// <summary>
/// A temporary (pool) card, keyed by card id. Temporary cards come into being through
/// <see cref="ITemporaryCardPoolGrain"/> (amounts 1–9); the rules of <see cref="ICardGrain"/>
/// apply (order of checks, nothing changes on refusal, <c>card.wrong-kind</c> on a permanent card).
/// An assigned card expires by itself at the end of its validity (a durable reminder).
/// </summary>
[Alias("CardActors.ITemporaryCardGrain")]
public interface ITemporaryCardGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("GetTemporaryAsync")]
    Task<CardDetails> GetTemporaryAsync();

    /// <summary><c>TempCardsAddonExtProdProcAbort</c>: processing → aborted; only while queued.</summary>
    [Alias("AbortTemporaryOrderAsync")]
    Task<CardDetails> AbortTemporaryOrderAsync(string? reason = null);

    /// <summary>
    /// <c>TempCardsAddonExtProdInitialize</c>: produced → unassigned. Starts a job that encodes
    /// profile, PIN and PUK; the card is unassigned when a station completes it.
    /// </summary>
    [Alias("InitializeAsync")]
    Task<CardDetails> InitializeAsync(string? stationId = null);

    /// <summary>
    /// <c>TempCardsProcAssign</c>: unassigned → assigned. User active; one assigned temporary card
    /// per user unless the option allows several; the user's active permanent cards become
    /// (temporarily) inactive.
    /// </summary>
    [Alias("AssignAsync")]
    Task<CardDetails> AssignAsync(AssignTemporaryCardCommand command);

    /// <summary><c>TempCardsProcExtend</c>: assigned → assigned with a new validity end.</summary>
    [Alias("ExtendAsync")]
    Task<CardDetails> ExtendAsync(ExtendTemporaryCardCommand command);

    /// <summary>
    /// <c>TempCardsProcWithdraw</c>: assigned or expired → unassigned; the card is wiped and its
    /// certificates revoked. <see cref="WithdrawReason.NoLongerNeeded"/> reactivates the permanent
    /// cards the assignment made inactive; <see cref="WithdrawReason.Lost"/> keeps them inactive.
    /// </summary>
    [Alias("WithdrawAsync")]
    Task<CardDetails> WithdrawAsync(WithdrawReason reason);

    /// <summary><c>TempCardsProcLock</c>: assigned or unassigned → locked (final).</summary>
    [Alias("LockTemporaryAsync")]
    Task<CardDetails> LockTemporaryAsync(string? reason = null);
}

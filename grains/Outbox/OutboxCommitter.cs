using CardActors.Grains.Persistence;

namespace CardActors.Grains.Outbox;

/*
 * Search consistency: the outbox, not a shared transaction. The grain state lives in the runtime's
 * storage, which owns its connection, so the search and audit rows cannot join the state's
 * transaction. Instead each change appends an OutboxEntry to the state record itself and the one
 * state write commits both; the entries are then drained (audit + search in one transaction,
 * idempotent by grain id and sequence) and the grain calls owed to others are delivered.
 *
 * Before the first undrained write a row in cardactors_outbox_pending names the grain; the drain
 * deletes it. A crash between the state write and the drain leaves that row behind: the sweeper
 * activates such grains at start and every sweep interval, and activation drains. So the
 * projection may lag the grains for a moment but never holds a change they lack, and it catches up.
 *
 * A state write that fails (database down, disk full) leaves the grain as it was before the change:
 * the caller gets the error, and the grain neither serves the change nor stores it with a later
 * write. Its pending row, marked before the write, names a grain with nothing to drain; the sweeper's
 * call (SweepAsync) deletes such a row instead of finding the same grain again at every sweep.
 */

/// <summary>Commits a grain's state with its outbox entries and drains them.</summary>
/// <param name="writeGate">A reentrant grain's gate around state writes: the drain takes it for its own write.</param>
internal sealed class OutboxCommitter<TState>(IPersistentState<TState> state, OutboxDrainer drainer, Func<GrainId> grainId, SemaphoreSlim? writeGate = null)
    where TState : class, IOutboxState<TState>, new()
{
    private bool _pendingMarked;

    /// <summary>Writes <paramref name="next"/> (which carries new outbox entries) and drains.</summary>
    public async Task CommitAsync(TState next)
    {
        await WriteAsync(next);
        await TryDrainAsync();
    }

    /// <summary>
    /// Drains after a commit. The change is committed whatever happens here, so a failure is not the
    /// caller's: it is logged and the pending row makes the sweeper (or the next activation) finish it.
    /// </summary>
    public async Task TryDrainAsync()
    {
        try
        {
            await DrainAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            drainer.DrainDeferred(grainId(), exception);
        }
    }

    /// <summary>Only the state write; the caller drains (after releasing whatever it holds that a delivered effect may need).</summary>
    public async Task WriteAsync(TState next)
    {
        if (!_pendingMarked && next.Outbox.Count > 0)
        {
            await drainer.MarkPendingAsync(grainId());
            _pendingMarked = true;
        }

        await state.WriteOrKeepAsync(next);

        drainer.Faults.AfterStateWrite(grainId());
    }

    /// <summary>
    /// The sweeper's call for a grain with a pending row: drains, or, when there is nothing to drain
    /// (the write after the row was marked failed), deletes the row, which would otherwise bring the
    /// sweeper back to this grain forever.
    /// </summary>
    public async Task SweepAsync()
    {
        if (writeGate is not null)
        {
            await writeGate.WaitAsync();
        }

        bool empty;
        try
        {
            // Under the gate: a reentrant grain's commit between marking its row and setting its state must not lose the row.
            empty = state.State.Outbox.Count == 0;
            if (empty)
            {
                await drainer.ClearPendingAsync(grainId());
                _pendingMarked = false;
            }
        }
        finally
        {
            writeGate?.Release();
        }

        if (!empty)
        {
            await DrainAsync();
        }
    }

    public async Task DrainAsync()
    {
        var entries = state.State.Outbox;
        if (entries.Count == 0)
        {
            return;
        }

        var id = grainId();
        var hasEffects = entries.Any(e => e.HasEffects);
        await drainer.WriteAsync(id, entries, clearPending: !hasEffects);
        if (hasEffects)
        {
            await drainer.DeliverAsync(entries);
        }

        // Drained entries left in the stored record are harmless (draining is idempotent), so they
        // are trimmed lazily with the next write; only effects are worth a write to forget.
        var drainedThrough = entries.Max(e => e.Sequence);
        if (writeGate is not null)
        {
            await writeGate.WaitAsync();
        }

        try
        {
            state.State = state.State.WithOutbox([.. state.State.Outbox.Where(e => e.Sequence > drainedThrough)]);
            if (hasEffects)
            {
                await state.WriteStateAsync();
            }
        }
        finally
        {
            writeGate?.Release();
        }

        if (hasEffects)
        {
            await drainer.ClearPendingAsync(id);
        }

        _pendingMarked = false;
    }
}

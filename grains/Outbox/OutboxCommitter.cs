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
 * On the embedded default the grain state and these tables share one SQLite file and its writer
 * thread, so the committer offers the new entries' audit and search rows, and the pending row, to
 * the state write itself (SqliteStateCompanion): they commit in its transaction, one fsync instead
 * of three. What remains to drain then is only the calls owed to others, and the pending row's
 * clearing once they are delivered (below). Where the storage cannot take them
 * (PostgreSQL), the rows are written after the state as described above.
 *
 * Forgetting what was delivered. Once its calls are delivered, an entry could be left in the stored
 * record until the next write trims it, and a write only to forget it is the second write of every
 * change (half of a card's pages). That is safe only for entries whose calls merely restate the
 * grain's state at that version (a card's report to its user, the status of its certificates):
 * their targets keep the newest version, so a repeat is a no-op whenever it comes, and a stored
 * record holds no delivered entry but its latest (each write trims what is drained). So after such a
 * delivery the grain writes nothing; it clears its pending row, and on the embedded default without
 * waiting for it (OutboxDrainer.ClearPendingInBackground says why that is in order). Any other
 * effect is a command that its target remembers by key for a while only, and a write forgets it at
 * once. The entries left behind must not be drained again at every activation (a read of an idle
 * card would call its user), so the first drain of an activation asks the pending row: where none
 * names the grain, every entry in its record was projected (with the state write, or by the drain
 * that cleared the row) and delivered. That holds because the row is marked no later than the write
 * that stores entries owing calls: in the write's transaction, or before it (PostgreSQL). A write the
 * storage declined (it cannot be, while the state is on the domain's file: OutboxDrainer.JoinsStateWrites)
 * marks it just after, and only a crash in that moment would leave such a record to look drained.
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

    /// <summary>The highest sequence whose audit and search rows this activation has seen committed.</summary>
    private long _projectedThrough;

    /// <summary>No drain has run in this activation yet: the entries are the ones the stored record came with.</summary>
    private bool _firstDrain = true;

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
        var id = grainId();
        var joined = drainer.JoinsStateWrites && !drainer.Faults.CrashesAfterStateWrite(id);
        if (joined && await WriteJoinedAsync(id, next))
        {
            drainer.Faults.AfterStateWrite(id);
            return;
        }

        // Marked before the write where it cannot join it; after it where the storage declined the
        // rows (the state is stored already, and the drain below writes them).
        if (!_pendingMarked && next.Outbox.Count > 0)
        {
            await drainer.MarkPendingAsync(id);
            _pendingMarked = true;
        }

        if (!joined)
        {
            await state.WriteOrKeepAsync(next);
        }

        drainer.Faults.AfterStateWrite(id);
    }

    /// <summary>
    /// The state write with the rows of the entries not yet projected, and the pending row marked
    /// while effects are owed (cleared once none are), in one transaction. False when the storage did
    /// not take the rows: the state is written all the same, and the caller marks the pending row after
    /// it (a crash in between leaves the entries to the grain's next activation instead of the sweeper).
    /// </summary>
    private async Task<bool> WriteJoinedAsync(GrainId id, TState next)
    {
        var fresh = next.Outbox.Where(e => e.Sequence > _projectedThrough).ToList();
        var owesEffects = next.Outbox.Any(e => e.HasEffects);
        var mark = owesEffects && !_pendingMarked;
        var clear = !owesEffects && _pendingMarked;
        if (fresh.Count == 0 && !mark && !clear)
        {
            await state.WriteOrKeepAsync(next);
            return true;
        }

        using (var companion = drainer.JoinStateWrite(id, fresh, mark, clear))
        {
            await state.WriteOrKeepAsync(next);
            if (companion is not { Taken: true })
            {
                drainer.StateWriteNotJoined(id);
                return false;
            }
        }

        _projectedThrough = Math.Max(_projectedThrough, fresh.Count > 0 ? fresh.Max(e => e.Sequence) : 0);
        _pendingMarked = owesEffects;
        return true;
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
        var firstDrain = _firstDrain;
        _firstDrain = false;
        if (entries.Count == 0)
        {
            return;
        }

        var id = grainId();
        var onlyRestates = entries.All(e => e.OnlyRestates);
        if (firstDrain && onlyRestates && !await drainer.IsPendingAsync(id))
        {
            // Drained by an earlier activation, which left them for the next write to trim (top of this file).
            _projectedThrough = entries.Max(e => e.Sequence);
            state.State = state.State.WithOutbox([]);
            return;
        }

        var hasEffects = entries.Any(e => e.HasEffects);
        var drainedThrough = entries.Max(e => e.Sequence);

        // Rows a joined state write committed are not written again; the pending row is cleared
        // here only where no state write below will clear it.
        var unprojected = entries.Where(e => e.Sequence > _projectedThrough).ToList();
        if (unprojected.Count > 0 || (!hasEffects && _pendingMarked))
        {
            await drainer.WriteAsync(id, unprojected, clearPending: !hasEffects);
        }

        _projectedThrough = Math.Max(_projectedThrough, drainedThrough);
        if (hasEffects)
        {
            await drainer.DeliverAsync(entries);
        }

        // Drained entries left in the stored record are harmless (draining is idempotent), so they
        // are trimmed lazily with the next write; only commands are worth a write to forget (top of this file).
        var forget = hasEffects && !onlyRestates;
        if (writeGate is not null)
        {
            await writeGate.WaitAsync();
        }

        var pendingCleared = false;
        try
        {
            state.State = state.State.WithOutbox([.. state.State.Outbox.Where(e => e.Sequence > drainedThrough)]);
            if (forget)
            {
                using var companion = drainer.JoinStateWrite(id, [], markPending: false, clearPending: true);
                await state.WriteStateAsync();
                pendingCleared = companion is { Taken: true };
            }
        }
        finally
        {
            writeGate?.Release();
        }

        if (hasEffects && !pendingCleared)
        {
            if (!forget && drainer.JoinsStateWrites)
            {
                drainer.ClearPendingInBackground(id);
            }
            else
            {
                await drainer.ClearPendingAsync(id);
            }
        }

        _pendingMarked = false;
    }
}

namespace CardActors.Api.Idempotency;

/// <summary>
/// One idempotency key. Records are deleted when they expire (<see cref="ApiOptions.IdempotencyRetention"/>
/// after the response, or after the lease of a request that never finished): a durable reminder,
/// set when the key is taken, clears the state and ends the activation, so that keys do not pile
/// up in the database for ever. A key used again after it expired starts afresh.
/// </summary>
[GrainType("idempotency")]
public sealed class IdempotencyGrain([PersistentState("key")] IPersistentState<IdempotencyState> state, TimeProvider time) : Grain, IIdempotencyGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";

    // Orleans wants reminder periods of a minute or more; the reminder is removed when it fires on an expired record.
    private static readonly TimeSpan s_recheck = TimeSpan.FromMinutes(5);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = time.GetUtcNow();
        var current = state.State;
        var until = current.Status switch
        {
            IdempotencyStatus.Completed => current.CompletedAt + current.Retention,
            IdempotencyStatus.InProgress => current.LeaseUntil + current.Retention,
            _ => null,
        };
        if (until > now)
        {
            return;
        }

        await state.ClearStateAsync();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    public async Task<IdempotencyClaim> BeginAsync(string fingerprint, TimeSpan lease, TimeSpan retention, IdempotencyHolder holder, bool noneRunningHere = false)
    {
        var now = time.GetUtcNow();
        var current = state.State;
        if (current.Status == IdempotencyStatus.Completed && current.CompletedAt + retention < now)
        {
            // Expired: the key may be used again, for anything.
            current.Status = IdempotencyStatus.Free;
            current.Response = null;
            current.Seed = Guid.Empty;
        }

        switch (current.Status)
        {
            case IdempotencyStatus.Completed:
                return current.Fingerprint == fingerprint
                    ? new IdempotencyClaim(IdempotencyClaimOutcome.Completed, Guid.Empty, current.Seed, current.Response)
                    : IdempotencyClaim.Mismatch;
            case IdempotencyStatus.InProgress when current.Fingerprint != fingerprint:
                return IdempotencyClaim.Mismatch;
            case IdempotencyStatus.InProgress when current.LeaseUntil > now && !DiedWithAnEarlierRun(current.Holder, holder) && !(noneRunningHere && current.Holder == holder)
                && await IsAliveAsync(current.Holder):
                return IdempotencyClaim.Busy;
        }

        // Free, or held by a request that is gone (its lease ran out, its host has restarted since or stopped beating, or its own run says none of
        // its requests works on the key): take it, keeping the seed so that a re-run after a crash makes the same ids.
        current.Status = IdempotencyStatus.InProgress;
        current.Fingerprint = fingerprint;
        current.LeaseToken = Guid.NewGuid();
        current.LeaseUntil = now + lease;
        current.Holder = holder;
        var resumed = current.Seed != Guid.Empty;
        if (!resumed)
        {
            current.Seed = Guid.CreateVersion7();
        }

        current.Retention = retention;
        await state.WriteStateAsync();
        // Due when the record expires at the latest: the lease plus the retention after it.
        await this.RegisterOrUpdateReminder(ExpiryReminder, lease + retention, s_recheck);
        return new IdempotencyClaim(IdempotencyClaimOutcome.Started, current.LeaseToken, current.Seed, null, resumed);
    }

    private static bool DiedWithAnEarlierRun(IdempotencyHolder? current, IdempotencyHolder asking)
        => current is not null && current.Host == asking.Host && current.Run != asking.Run;

    /// <summary>Whether the process holding the key still beats; a holder stored before processes beat is trusted until its lease ends.</summary>
    private Task<bool> IsAliveAsync(IdempotencyHolder? holder)
        => holder is { AliveFor: var aliveFor } && aliveFor > TimeSpan.Zero
            ? GrainFactory.GetGrain<IIdempotencyRunGrain>(holder.Run).IsAliveAsync(aliveFor)
            : Task.FromResult(true);

    public async Task CompleteAsync(Guid token, StoredResponse response)
    {
        if (state.State.Status != IdempotencyStatus.InProgress || state.State.LeaseToken != token)
        {
            return;
        }

        state.State.Status = IdempotencyStatus.Completed;
        state.State.CompletedAt = time.GetUtcNow();
        state.State.Response = response;
        await state.WriteStateAsync();
    }

    public async Task ReleaseAsync(Guid token)
    {
        if (state.State.Status != IdempotencyStatus.InProgress || state.State.LeaseToken != token)
        {
            return;
        }

        state.State.Status = IdempotencyStatus.Free;
        state.State.Fingerprint = null;
        await state.WriteStateAsync();
    }
}

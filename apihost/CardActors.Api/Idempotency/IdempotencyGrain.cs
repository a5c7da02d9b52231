namespace CardActors.Api.Idempotency;

[GrainType("idempotency")]
public sealed class IdempotencyGrain([PersistentState("key")] IPersistentState<IdempotencyState> state, TimeProvider time) : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyClaim> BeginAsync(string fingerprint, TimeSpan lease, TimeSpan retention)
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
            case IdempotencyStatus.InProgress when current.LeaseUntil > now:
                return IdempotencyClaim.Busy;
        }

        // Free, or held by a request whose process died (its lease ran out): take it, keeping the
        // seed so that a re-run after a crash makes the same ids.
        current.Status = IdempotencyStatus.InProgress;
        current.Fingerprint = fingerprint;
        current.LeaseToken = Guid.NewGuid();
        current.LeaseUntil = now + lease;
        var resumed = current.Seed != Guid.Empty;
        if (!resumed)
        {
            current.Seed = Guid.NewGuid();
        }

        await state.WriteStateAsync();
        return new IdempotencyClaim(IdempotencyClaimOutcome.Started, current.LeaseToken, current.Seed, null, resumed);
    }

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

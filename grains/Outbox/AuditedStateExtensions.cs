namespace CardActors.Grains.Outbox;

internal static class AuditedStateExtensions
{
    /// <summary>The state with <paramref name="audit"/> appended to its outbox under the next sequence number.</summary>
    public static TState WithAudit<TState>(this TState state, AuditRecord audit) where TState : IAuditedState<TState>
    {
        var sequence = state.Sequence + 1;
        return state.WithSequence(sequence).WithOutbox([.. state.Outbox, new OutboxEntry(sequence, audit, null, null, null)]);
    }
}

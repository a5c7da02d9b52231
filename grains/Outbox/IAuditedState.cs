namespace CardActors.Grains.Outbox;

/// <summary>
/// A state record whose only outbox entries are audit rows, numbered by <see cref="Sequence"/>: the
/// number is the row's idempotency key when it is drained, so it must rise with every change.
/// </summary>
public interface IAuditedState<TSelf> : IOutboxState<TSelf> where TSelf : IAuditedState<TSelf>
{
    long Sequence { get; }

    TSelf WithSequence(long sequence);
}

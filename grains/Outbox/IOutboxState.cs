namespace CardActors.Grains.Outbox;

/// <summary>A grain state record that carries its own outbox, so a change and what it owes are written in one state write.</summary>
public interface IOutboxState<TSelf>
{
    IReadOnlyList<OutboxEntry> Outbox { get; }

    TSelf WithOutbox(IReadOnlyList<OutboxEntry> outbox);
}

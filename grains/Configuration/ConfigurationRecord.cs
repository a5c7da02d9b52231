using CardActors.Grains.Outbox;

namespace CardActors.Grains.Configuration;

/// <summary>Every version of the configuration ever made (they are small, and cards read old ones).</summary>
public sealed record ConfigurationRecord : IAuditedState<ConfigurationRecord>
{
    public IReadOnlyList<ConfigurationSnapshot> Versions { get; init; } = [];

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public ConfigurationRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public ConfigurationRecord WithSequence(long sequence) => this with { Sequence = sequence };
}

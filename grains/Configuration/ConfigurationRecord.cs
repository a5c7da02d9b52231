using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Configuration;

/// <summary>
/// The current version of the configuration. Every version (the current one too) is also stored in a
/// grain of its own (IConfigurationVersionGrain), where cards read the older ones they were started
/// under: a change writes one version, not all of them.
/// </summary>
[OmitNulls]
public sealed record ConfigurationRecord : IAuditedState<ConfigurationRecord>
{
    public ConfigurationSnapshot? Current { get; init; }

    /// <summary>Rows stored before versions had grains of their own hold every version here; activation moves them out (empty otherwise).</summary>
    public IReadOnlyList<ConfigurationSnapshot> Versions { get; init; } = [];

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public ConfigurationRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public ConfigurationRecord WithSequence(long sequence) => this with { Sequence = sequence };
}

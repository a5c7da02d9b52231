using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Stations;

/// <summary>
/// A station's stored state: its registration, the job it holds and its counters. Its size is bounded:
/// a station keeps no list of the jobs it ran (the cards keep their jobs).
/// </summary>
[OmitNulls]
public sealed record StationRecord : IAuditedState<StationRecord>
{
    public bool Exists { get; init; }

    public string LineId { get; init; } = "";

    public string Reader { get; init; } = "";

    public IReadOnlyList<string> CardTypes { get; init; } = [];

    public IReadOnlyList<string> Profiles { get; init; } = [];

    public DateTimeOffset RegisteredAt { get; init; }

    public HeldJob? CurrentJob { get; init; }

    public long Done { get; init; }

    public long Failed { get; init; }

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public StationRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public StationRecord WithSequence(long sequence) => this with { Sequence = sequence };
}

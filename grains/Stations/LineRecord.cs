using CardActors.Grains.Internal;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Stations;

/// <summary>
/// A line's stored state: its stations and its open batches, written only when those change. The
/// queue of jobs is not stored: the cards are the truth for their jobs, and the open batches hand
/// their open jobs to a line that was activated again.
/// </summary>
[OmitNulls]
public sealed record LineRecord
{
    public bool Exists { get; init; }

    public IReadOnlyList<LineStation> Stations { get; init; } = [];

    public IReadOnlyList<string> OpenBatches { get; init; } = [];
}

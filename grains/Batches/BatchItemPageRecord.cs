using CardActors.Storage.Serialization;

namespace CardActors.Grains.Batches;

[OmitNulls]
public sealed record BatchItemPageRecord
{
    public IReadOnlyList<BatchItemRecord> Items { get; init; } = [];
}

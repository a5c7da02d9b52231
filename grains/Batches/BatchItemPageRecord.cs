namespace CardActors.Grains.Batches;

public sealed record BatchItemPageRecord
{
    public IReadOnlyList<BatchItemRecord> Items { get; init; } = [];
}

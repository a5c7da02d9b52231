using CardActors.Grains.Persistence;

namespace CardActors.Grains.Batches;

/// <summary>A page of a batch's items, written once when the batch starts; the batch reads its pages when it is activated.</summary>
[GrainType("batch-items")]
public sealed class BatchItemPageGrain([PersistentState("batch-items")] IPersistentState<BatchItemPageRecord> state) : Grain, IBatchItemPageGrain
{
    public Task WriteAsync(IReadOnlyList<BatchItemRecord> items) => state.WriteOrKeepAsync(state.State with { Items = items });

    public Task<IReadOnlyList<BatchItemRecord>> ReadAsync() => Task.FromResult(state.State.Items);
}

namespace CardActors.Grains.Batches;

/// <summary>
/// One page of a batch order's items (key <c>{batchId}/{page}</c>), stored in a row of its own so that
/// the batch's own row stays the same size whatever the number of its items. Not for the API.
/// </summary>
[Alias("CardActors.IBatchItemPageGrain")]
public interface IBatchItemPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page (again, when a start is repeated after a crash: the same items).</summary>
    [Alias("WriteAsync")]
    Task WriteAsync(IReadOnlyList<BatchItemRecord> items);

    [ReadOnly]
    [Alias("ReadAsync")]
    Task<IReadOnlyList<BatchItemRecord>> ReadAsync();
}

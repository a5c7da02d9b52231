namespace CardActors.Tests.Support;

/// <summary>Calls made concurrently, but never more than a set number in flight (a burst, not a flood that only times out).</summary>
public static class Bounded
{
    /// <summary>Every item's call, at most <paramref name="inFlight"/> at a time; the results in the items' order.</summary>
    public static async Task<TResult[]> AllAsync<TItem, TResult>(IEnumerable<TItem> items, int inFlight, Func<TItem, Task<TResult>> call)
    {
        using var gate = new SemaphoreSlim(inFlight);
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                return await call(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}

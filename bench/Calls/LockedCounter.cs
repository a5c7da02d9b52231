namespace CardActors.Bench.Calls;

/// <summary>The baseline of a grain call: the same counter as a plain object behind a lock, with the same Task-returning method.</summary>
internal sealed class LockedCounter
{
    private readonly Lock _lock = new();
    private int _count;

    public Task<int> IncrementAsync()
    {
        int count;
        lock (_lock)
        {
            count = ++_count;
        }

        return Task.FromResult(count);
    }
}

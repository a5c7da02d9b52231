using System.Collections.Concurrent;

namespace CardActors.Bench.Storage;

/// <summary>
/// Idle baseline sessions. A write rents one and gives it back, so there are only as many open
/// connections as writes running at once, as with the grain storage's pooled connections (SQLite,
/// with one writer at a time, stalls when many idle connections each hold prepared statements).
/// </summary>
internal sealed class RawSessionPool(Func<Task<IRawSession>> open) : IAsyncDisposable
{
    private readonly ConcurrentBag<IRawSession> _idle = [];
    private readonly ConcurrentQueue<IRawSession> _all = new();

    public async ValueTask<IRawSession> RentAsync()
    {
        if (_idle.TryTake(out var session))
        {
            return session;
        }

        session = await open();
        _all.Enqueue(session);
        return session;
    }

    public void Return(IRawSession session) => _idle.Add(session);

    public async ValueTask DisposeAsync()
    {
        while (_all.TryDequeue(out var session))
        {
            await session.DisposeAsync();
        }
    }
}

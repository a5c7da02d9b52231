namespace CardActors.Bench.Storage;

/// <summary>One baseline writer: owns one row and writes it as the grain storage would (insert first, then ETag-checked updates).</summary>
internal sealed class RawStateWriter(RawSessionPool pool, string grainKey)
{
    private BenchState _state = new();
    private long? _etag;

    public async Task WriteAsync()
    {
        _state = _state with { Sequence = _state.Sequence + 1 };
        var payload = StatePayload.Serialize(_state);
        var session = await pool.RentAsync();
        try
        {
            var written = _etag is { } etag ? await session.UpdateAsync(grainKey, payload, etag) : await session.InsertAsync(grainKey, payload);
            _etag = written ?? throw new InvalidOperationException($"The baseline's row {grainKey} changed under it.");
        }
        finally
        {
            pool.Return(session);
        }
    }
}

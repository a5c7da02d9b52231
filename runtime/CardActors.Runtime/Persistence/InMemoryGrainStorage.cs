using System.Collections.Concurrent;
using System.Globalization;

namespace CardActors.Runtime;

/// <summary>Grain storage in a dictionary, with the same ETag rules as the durable ones. For tests.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainStateKey, GrainStateRecord> _records = new();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
        => Task.FromResult(_records.GetValueOrDefault(key));

    public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, int stateVersion, string? expectedETag, CancellationToken cancellationToken)
        => Task.FromResult(Swap(key, expectedETag, payload.ToArray(), stateVersion)!);

    public Task<string?> ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken)
        => Task.FromResult(expectedETag is null && !_records.ContainsKey(key) ? null : Swap(key, expectedETag, null, 0));

    private string Swap(GrainStateKey key, string? expectedETag, byte[]? payload, int stateVersion)
    {
        while (true)
        {
            var current = _records.GetValueOrDefault(key);
            if (current?.ETag != expectedETag)
            {
                throw new InconsistentStateException($"State {key}: expected ETag '{expectedETag}', stored '{current?.ETag}'.");
            }

            var next = new GrainStateRecord(payload, stateVersion, (long.Parse(current?.ETag ?? "0", CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
            var swapped = current is null ? _records.TryAdd(key, next) : _records.TryUpdate(key, next, current);
            if (swapped)
            {
                return next.ETag;
            }
        }
    }
}

using System.Globalization;

namespace CardActors.Runtime.Testing;

/// <summary>
/// An <see cref="IPersistentState{TState}"/> for unit tests: it keeps the last written state so a
/// test can check what a grain persisted, and can be told to fail the next write as stale.
/// </summary>
public sealed class TestPersistentState<TState> : IPersistentState<TState> where TState : new()
{
    private int _version;

    public TState State { get; set; } = new();

    public string? ETag => _version == 0 ? null : _version.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists { get; private set; }

    /// <summary>The state as of the last successful write.</summary>
    public TState? Stored { get; private set; }

    public int WriteCount { get; private set; }

    /// <summary>When set, the next write throws <see cref="InconsistentStateException"/>.</summary>
    public bool FailNextWriteAsStale { get; set; }

    public Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        State = Stored ?? new TState();
        return Task.CompletedTask;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (FailNextWriteAsStale)
        {
            FailNextWriteAsStale = false;
            throw new InconsistentStateException("Simulated stale ETag.");
        }

        Stored = State;
        RecordExists = true;
        WriteCount++;
        _version++;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        Stored = default;
        State = new TState();
        RecordExists = false;
        _version++;
        return Task.CompletedTask;
    }
}

namespace CardActors.Bench.Storage;

/// <summary>A database the storage suite measures: how a silo keeps the bench grain's state in it, and how the raw baseline writes the same statements.</summary>
internal interface IStorageTarget : IAsyncDisposable
{
    string Name { get; }

    IReadOnlyList<int> WriterCounts { get; }

    string Note { get; }

    /// <summary>Registers the grain storage named <see cref="StateBenchGrain.StorageName"/>.</summary>
    void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Called once the silo has started (its schema exists): sets up the baseline's table.</summary>
    Task PrepareAsync();

    /// <summary>One raw writer that owns the row of <paramref name="key"/>: each call writes it once.</summary>
    Func<Task> RawWriter(long key);
}

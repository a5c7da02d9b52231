using CardActors.Runtime.Hosting;

namespace CardActors.Bench.Storage;

/// <summary>A database the storage suite measures: how a silo keeps grain state in it, and how the raw baseline writes to it.</summary>
internal interface IStorageDatabase : IAsyncDisposable
{
    string Name { get; }

    /// <summary>How many concurrent writers to measure with.</summary>
    IReadOnlyList<int> WriterCounts { get; }

    /// <summary>Why the writer counts are what they are, for the notes under the table; null if there is nothing to say.</summary>
    string? WriterCountsNote { get; }

    void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Called once the silo has started (its schema exists): creates the baseline's table and empties both.</summary>
    Task PrepareAsync();

    /// <summary>Opens a connection for the baseline and prepares its statements.</summary>
    Task<IRawSession> OpenRawSessionAsync();
}

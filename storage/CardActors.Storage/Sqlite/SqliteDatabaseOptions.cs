using System.ComponentModel.DataAnnotations;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// How a SQLite file is run in this process. All users of one file share one writer and its
/// readers, so the first to open the file decides; a later opener asking for a different
/// <see cref="Synchronous"/> is refused rather than silently given weaker durability.
/// </summary>
public sealed record SqliteDatabaseOptions
{
    /// <summary><see cref="SqliteSynchronous.Full"/> unless losing the last commits on power loss is acceptable.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long a statement waits for another process's lock on the file before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Threads (each with its own connection) that run reads. Reads in WAL mode never wait for the writer.</summary>
    [Range(1, 64)]
    public int ReaderThreads { get; init; } = 2;

    /// <summary>The most writes committed together in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Synchronous))
        {
            throw new ArgumentException($"{nameof(Synchronous)} {Synchronous} is not a SQLite synchronous mode we support.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"{nameof(BusyTimeout)} must be between 0 and {int.MaxValue} ms, not {BusyTimeout}.");
        }

        if (ReaderThreads is < 1 or > 64)
        {
            throw new ArgumentException($"{nameof(ReaderThreads)} must be between 1 and 64, not {ReaderThreads}.");
        }

        if (MaxBatchSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"{nameof(MaxBatchSize)} must be between 1 and 100000, not {MaxBatchSize}.");
        }
    }
}

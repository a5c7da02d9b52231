using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CardActors.Runtime.Sqlite;

/// <summary>
/// The in-process queue of writers to one SQLite file. SQLite lets one writer in at a time and
/// makes the others sleep in its busy handler, each holding a thread, with back-offs of up to
/// 100 ms; two writers in one process that queue separately (grain state, the domain's audit and
/// search tables) would meet there. Everything in this process that writes to the file takes its
/// turn here instead.
/// </summary>
public static class SqliteWriteQueue
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_queues = new(StringComparer.Ordinal);

    /// <summary>The queue of the file that <paramref name="connectionString"/> names.</summary>
    public static SemaphoreSlim For(string connectionString)
    {
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return s_queues.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1));
    }
}

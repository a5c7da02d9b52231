using Microsoft.Extensions.Logging;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// The writer and readers of one SQLite file, shared by every <see cref="SqliteDatabase"/> of
/// this process that names the file; it stops when the last of them is disposed.
/// </summary>
internal sealed class SqliteFile
{
    private static readonly Dictionary<string, SqliteFile> s_open = new(StringComparer.Ordinal);
    private static readonly Lock s_gate = new();

    private int _references;

    private SqliteFile(string filePath, SqliteDatabaseOptions options, ILogger logger)
    {
        FilePath = filePath;
        Options = options;
        Writer = new SqliteWriter(filePath, options, logger);
        Readers = new SqliteReaderPool(filePath, options, logger);
    }

    public string FilePath { get; }

    public SqliteDatabaseOptions Options { get; }

    public SqliteWriter Writer { get; }

    public SqliteReaderPool Readers { get; }

    /// <summary>Migrations already applied in this process, per component: each runs its migrations once per process.</summary>
    public HashSet<string> MigratedComponents { get; } = new(StringComparer.Ordinal);

    public static SqliteFile Acquire(string filePath, SqliteDatabaseOptions options, ILogger logger)
    {
        lock (s_gate)
        {
            if (s_open.TryGetValue(filePath, out var file))
            {
                if (file.Options.Synchronous != options.Synchronous)
                {
                    throw new InvalidOperationException(
                        $"The SQLite file {filePath} is already open in this process with synchronous={file.Options.Synchronous}; it cannot also be used with {options.Synchronous}.");
                }
            }
            else
            {
                file = new SqliteFile(filePath, options, logger);
                s_open.Add(filePath, file);
            }

            file._references++;
            return file;
        }
    }

    /// <summary>Drops one reference; the last one stops the threads once their queues are done.</summary>
    public Task ReleaseAsync()
    {
        lock (s_gate)
        {
            if (--_references > 0)
            {
                return Task.CompletedTask;
            }

            s_open.Remove(FilePath);
        }

        return Task.WhenAll(Writer.StopAsync(), Readers.StopAsync());
    }
}

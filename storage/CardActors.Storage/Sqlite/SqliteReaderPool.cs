using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// A few dedicated threads, each with its own read connection, that run the reads of one file.
/// <para>
/// Why not <c>Task.Run</c>: since Orleans 7, grain turns themselves run on the .NET thread pool,
/// so <c>Task.Run</c> (or <c>TaskScheduler.Default</c>) would only move a blocking SQLite call
/// from one pool thread to another and still take a thread grains need; a burst of cold reads
/// (disk I/O) would make the pool inject threads slowly while turns wait. Dedicated threads cap
/// what SQLite can take from the process, keep each connection on one thread (its prepared
/// statements and page cache stay warm), and reads in WAL mode never wait for the writer.
/// </para>
/// </summary>
internal sealed partial class SqliteReaderPool
{
    private readonly string _filePath;
    private readonly SqliteDatabaseOptions _options;
    private readonly ILogger _logger;
    private readonly BlockingCollection<SqliteWork> _queue = [];
    private readonly Task[] _stopped;

    public SqliteReaderPool(string filePath, SqliteDatabaseOptions options, ILogger logger)
    {
        _filePath = filePath;
        _options = options;
        _logger = logger;
        _stopped = new Task[options.ReaderThreads];
        for (var i = 0; i < options.ReaderThreads; i++)
        {
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stopped[i] = stopped.Task;
            new Thread(() => Run(stopped)) { IsBackground = true, Name = $"SQLite reader {i} {Path.GetFileName(filePath)}" }.Start();
        }
    }

    public Task<T> Enqueue<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        var work = new SqliteWork<T>((connection, _) => read(connection), cancellationToken);
        try
        {
            _queue.Add(work, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteReaderPool));
        }

        return work.Task;
    }

    /// <summary>Lets the queued reads finish, then closes the connections.</summary>
    public Task StopAsync()
    {
        _queue.CompleteAdding();
        return Task.WhenAll(_stopped);
    }

    private void Run(TaskCompletionSource stopped)
    {
        SqliteConnection? connection = null;
        Exception? openFailure = null;
        try
        {
            foreach (var work in _queue.GetConsumingEnumerable())
            {
                if (work.CancellationToken.IsCancellationRequested)
                {
                    work.Cancel();
                    continue;
                }

                // Opened on first use and by this thread: a file that cannot be opened yet (the
                // writer creates it) is retried by the next read instead of failing for good.
                if (connection is null)
                {
                    try
                    {
                        connection = SqliteConnections.OpenReader(_filePath, _options);
                    }
                    catch (Exception exception)
                    {
                        openFailure = exception;
                        LogOpenFailed(_logger, exception, _filePath);
                        work.Fail(new InvalidOperationException($"The SQLite file {_filePath} could not be opened for reading.", openFailure));
                        work.Complete();
                        continue;
                    }
                }

                work.Run(connection, null);
                work.Complete();
            }
        }
        finally
        {
            connection?.Dispose();
            stopped.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not open the SQLite file {FilePath} for reading.")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string filePath);
}

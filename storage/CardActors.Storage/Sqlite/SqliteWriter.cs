using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// The one thread that writes to a SQLite file for this whole process.
/// <para>
/// Design: Microsoft.Data.Sqlite does its work synchronously whatever the method's name, and
/// Orleans runs grain turns on the .NET thread pool; a commit that waits for fsync there stalls
/// grains (".NET Thread Pool execution stalled" was seen with 8 writers). So every write is
/// queued to this thread, and its caller awaits a task. SQLite admits one writer per file anyway,
/// so a single thread loses nothing.
/// </para>
/// <para>
/// Group commit: the thread takes everything queued, up to <see cref="SqliteDatabaseOptions.MaxBatchSize"/>,
/// runs each write inside its own SAVEPOINT of one transaction (a failing write rolls back to its
/// savepoint and fails only its caller), commits once, and only then completes the callers. With
/// synchronous=FULL the commit is on disk before any caller hears of it, and one fsync serves
/// the whole batch: the more writers wait, the cheaper each write gets.
/// </para>
/// </summary>
internal sealed partial class SqliteWriter
{
    private const string SavepointName = "cardactors_write";

    private readonly string _filePath;
    private readonly SqliteDatabaseOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new(); // Monitor, not Lock: the writer waits on it for work.
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<SqliteWork> _queue = [];
    private List<SqliteWork> _spare = [];
    private bool _stopping;
    private Exception? _openFailure;

    public SqliteWriter(string filePath, SqliteDatabaseOptions options, ILogger logger)
    {
        _filePath = filePath;
        _options = options;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = $"SQLite writer {Path.GetFileName(filePath)}" };
        _thread.Start();
    }

    public Task<T> Enqueue<T>(Func<SqliteConnection, SqliteTransaction?, T> write, CancellationToken cancellationToken)
    {
        var work = new SqliteWork<T>(write, cancellationToken);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _queue.Add(work);
            if (_queue.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return work.Task;
    }

    /// <summary>Lets the queued writes finish, then closes the connection; the task completes when the thread has ended.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        return _stopped.Task;
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            try
            {
                connection = SqliteConnections.OpenWriter(_filePath, _options);
            }
            catch (Exception exception)
            {
                LogOpenFailed(_logger, exception, _filePath);
                _openFailure = exception;
            }

            using var commands = connection is null ? null : new SavepointCommands(connection);
            while (TakeBatch() is { } batch)
            {
                for (var start = 0; start < batch.Count; start += _options.MaxBatchSize)
                {
                    var chunk = batch.GetRange(start, Math.Min(_options.MaxBatchSize, batch.Count - start));
                    if (connection is null || commands is null)
                    {
                        FailAll(chunk, new InvalidOperationException($"The SQLite file {_filePath} could not be opened.", _openFailure));
                    }
                    else
                    {
                        Commit(connection, commands, chunk);
                    }
                }

                batch.Clear();
                lock (_gate)
                {
                    _spare = batch;
                }
            }
        }
        finally
        {
            connection?.Dispose();
            _stopped.TrySetResult();
        }
    }

    private List<SqliteWork>? TakeBatch()
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_stopping)
            {
                Monitor.Wait(_gate);
            }

            if (_queue.Count == 0)
            {
                return null;
            }

            var batch = _queue;
            _queue = _spare;
            _spare = [];
            return batch;
        }
    }

    private void Commit(SqliteConnection connection, SavepointCommands commands, List<SqliteWork> chunk)
    {
        var pending = chunk;
        while (pending.Count > 0)
        {
            try
            {
                pending = CommitOnce(connection, commands, pending);
            }
            catch (Exception exception)
            {
                // A savepoint statement failed: nothing of this attempt was committed. Completing
                // twice is harmless, so callers already answered keep their answer.
                LogBatchFailed(_logger, exception, _filePath, pending.Count);
                FailAll(pending, exception);
                return;
            }
        }
    }

    // Returns the writes that did not get to run because the transaction was lost under them;
    // they go again in a fresh transaction.
    private List<SqliteWork> CommitOnce(SqliteConnection connection, SavepointCommands commands, List<SqliteWork> chunk)
    {
        SqliteTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (Exception exception)
        {
            LogBatchFailed(_logger, exception, _filePath, chunk.Count);
            FailAll(chunk, exception);
            return [];
        }

        var ran = new List<SqliteWork>(chunk.Count);
        using (transaction)
        {
            // A write alone needs no savepoint: if it fails, the transaction is rolled back whole.
            var alone = chunk.Count == 1;
            for (var i = 0; i < chunk.Count; i++)
            {
                var work = chunk[i];
                if (work.CancellationToken.IsCancellationRequested)
                {
                    work.Cancel();
                    continue;
                }

                if (!alone)
                {
                    commands.Execute(commands.Save, transaction);
                }

                work.Run(connection, transaction);
                ran.Add(work);
                if (!InTransaction(connection))
                {
                    // SQLite ends the transaction itself on some errors (disk full, I/O error), or
                    // the write ended it against the rules: the earlier writes of the batch are gone.
                    var lost = new SqliteException($"The transaction of a batch of writes to {_filePath} ended while a write ran; the batch was rolled back.", raw.SQLITE_ABORT);
                    LogBatchFailed(_logger, lost, _filePath, ran.Count);
                    foreach (var victim in ran)
                    {
                        if (!ReferenceEquals(victim, work) || !work.Failed)
                        {
                            victim.Fail(lost);
                        }

                        victim.Complete();
                    }

                    return chunk.GetRange(i + 1, chunk.Count - i - 1);
                }

                if (alone)
                {
                    continue;
                }

                if (work.Failed)
                {
                    commands.Execute(commands.RollbackTo, transaction);
                }

                commands.Execute(commands.Release, transaction);
            }

            try
            {
                if (alone && ran.Count == 1 && ran[0].Failed)
                {
                    transaction.Rollback();
                }
                else
                {
                    transaction.Commit();
                    SqliteMetrics.Commits.Add(1);
                    SqliteMetrics.Writes.Add(ran.Count);
                }
            }
            catch (Exception exception)
            {
                LogBatchFailed(_logger, exception, _filePath, ran.Count);
                foreach (var work in ran)
                {
                    if (!work.Failed)
                    {
                        work.Fail(exception);
                    }
                }
            }
        }

        foreach (var work in ran)
        {
            work.Complete();
        }

        return [];
    }

    private static bool InTransaction(SqliteConnection connection) => raw.sqlite3_get_autocommit(connection.Handle) == 0;

    private static void FailAll(List<SqliteWork> chunk, Exception exception)
    {
        foreach (var work in chunk)
        {
            work.Fail(exception);
            work.Complete();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not open the SQLite file {FilePath} for writing; every write to it fails.")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string filePath);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} writes to the SQLite file {FilePath} failed as a whole.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string filePath, int count);

    /// <summary>The savepoint statements, prepared once for the writer's connection.</summary>
    private sealed class SavepointCommands(SqliteConnection connection) : IDisposable
    {
        public SqliteCommand Save { get; } = Create(connection, $"SAVEPOINT {SavepointName}");

        public SqliteCommand RollbackTo { get; } = Create(connection, $"ROLLBACK TO {SavepointName}");

        public SqliteCommand Release { get; } = Create(connection, $"RELEASE {SavepointName}");

        public void Execute(SqliteCommand command, SqliteTransaction transaction)
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            Save.Dispose();
            RollbackTo.Dispose();
            Release.Dispose();
        }

        private static SqliteCommand Create(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }
}

using Microsoft.Data.Sqlite;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// A queued read or write and its caller's task. The task's continuations run asynchronously, so
/// completing it never runs a caller's code on the writer or a reader thread.
/// </summary>
internal abstract class SqliteWork(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs the caller's function and keeps its result or exception for <see cref="Complete"/>.</summary>
    public abstract void Run(SqliteConnection connection, SqliteTransaction? transaction);

    /// <summary>Hands the kept result or exception to the caller.</summary>
    public abstract void Complete();

    /// <summary>Replaces whatever <see cref="Run"/> kept with a failure, e.g. when the commit failed.</summary>
    public abstract void Fail(Exception exception);

    public abstract void Cancel();

    /// <summary>Whether <see cref="Run"/> kept an exception.</summary>
    public abstract bool Failed { get; }
}

using Microsoft.Data.Sqlite;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// Rows that must commit together with the next grain-state write of the current async flow: the
/// SQLite grain storage runs <see cref="Attach"/>'s write right after the state's own statement, in
/// the same savepoint of the same transaction, so the state and these rows commit (or roll back)
/// as one. It is how the domain writes a change's audit and search rows with the change itself on
/// the embedded default instead of in a transaction (and an fsync) of their own.
/// <para>
/// Design: Orleans' <c>IGrainStorage.WriteStateAsync</c> has no parameter for extra work, so the
/// write travels in an <see cref="AsyncLocal{T}"/> from the caller (the grain's turn, where the
/// storage call starts) to the storage, which takes it at most once and only when it writes to
/// the same file. A write not taken (another storage, another file, or no state write at all)
/// stays with the caller, who then writes those rows itself: <see cref="Taken"/> says which.
/// </para>
/// </summary>
public sealed class SqliteStateCompanion : IDisposable
{
    private static readonly AsyncLocal<SqliteStateCompanion?> s_current = new();

    private readonly string _filePath;
    private readonly SqliteStateCompanion? _outer;
    private Action<SqliteConnection, SqliteTransaction>? _write;

    private SqliteStateCompanion(string filePath, Action<SqliteConnection, SqliteTransaction> write)
    {
        _filePath = filePath;
        _write = write;
        _outer = s_current.Value;
    }

    /// <summary>Whether a state write took the rows (they commit or fail with it).</summary>
    public bool Taken { get; private set; }

    /// <summary>
    /// Offers <paramref name="write"/> to the next state write to <paramref name="filePath"/> in this
    /// async flow; dispose the result when that write has completed.
    /// </summary>
    public static SqliteStateCompanion Attach(string filePath, Action<SqliteConnection, SqliteTransaction> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ArgumentNullException.ThrowIfNull(write);
        var companion = new SqliteStateCompanion(Path.GetFullPath(filePath), write);
        s_current.Value = companion;
        return companion;
    }

    /// <summary>The write offered for a state write to <paramref name="filePath"/>, once; null when there is none.</summary>
    internal static Action<SqliteConnection, SqliteTransaction>? Take(string filePath)
    {
        if (s_current.Value is not { } companion || !string.Equals(companion._filePath, filePath, StringComparison.Ordinal))
        {
            return null;
        }

        var write = Interlocked.Exchange(ref companion._write, null);
        companion.Taken |= write is not null;
        return write;
    }

    public void Dispose()
    {
        _write = null;
        if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = _outer;
        }
    }
}

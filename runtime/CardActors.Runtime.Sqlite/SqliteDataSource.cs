using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CardActors.Runtime.Sqlite;

/// <summary>
/// Opens pooled connections to one database file, each set up for many short concurrent writes:
/// WAL (readers never block the writer), synchronous=NORMAL (no fsync per commit; a power loss
/// may lose the last commits but never corrupts the file), and a busy timeout so a writer waits
/// for the write lock instead of failing. Microsoft.Data.Sqlite 6 has no DbDataSource of its own.
/// </summary>
internal sealed class SqliteDataSource : DbDataSource
{
    private readonly string _connectionString;
    private readonly string _setUpSql;

    // The pool hands back connections whose native handle already has our settings: remember
    // the handles, so a pooled open costs no extra statements.
    private readonly ConditionalWeakTable<sqlite3, object> _setUpHandles = [];

    static SqliteDataSource() => Batteries_V2.Init();

    public SqliteDataSource(string connectionString)
    {
        var builder = Parse(connectionString);
        _connectionString = builder.ToString();
        var busyTimeoutMs = builder.DefaultTimeout == 0 ? int.MaxValue : (int)Math.Min(builder.DefaultTimeout * 1000L, int.MaxValue);
        _setUpSql = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    public override string ConnectionString => _connectionString;

    /// <summary>Throws unless the connection string names a database file.</summary>
    public static SqliteConnectionStringBuilder Parse(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? throw new ArgumentException($"The SQLite storage needs a database file, not '{connectionString}'.", nameof(connectionString))
            : builder;
    }

    protected override DbConnection CreateDbConnection() => new SqliteConnection(_connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle!;
            if (!_setUpHandles.TryGetValue(handle, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText = _setUpSql;
                command.ExecuteNonQuery();
                _setUpHandles.AddOrUpdate(handle, this);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Microsoft.Data.Sqlite does its work synchronously whatever the method's name.
    protected override ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(OpenDbConnection());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ClearPool();
        }

        base.Dispose(disposing);
    }

    // DbDataSource.DisposeAsync calls Dispose(false), not Dispose(true).
    protected override ValueTask DisposeAsyncCore()
    {
        ClearPool();
        return base.DisposeAsyncCore();
    }

    // Closes the pooled handles so the file (and its -wal, -shm) can be moved or deleted.
    private void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}

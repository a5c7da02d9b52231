using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// A SQLite file as this process uses it: one writer thread that group-commits every write to
/// the file, and a few reader threads. Grain storage, reminders and the domain's own tables
/// (audit, search, outbox) all go through it, so no SQLite call ever runs on a thread that
/// Orleans schedules grains on, and writers of one file never fight over its lock in-process.
/// <para>
/// Every <see cref="Open"/> of the same file returns a handle on the same threads; dispose each
/// handle when done, and the last one stops them after the queued work has finished.
/// </para>
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const string MigrationsTable = "cardactors_schema_migrations";

    private readonly SqliteFile _file;
    private int _disposed;

    private SqliteDatabase(SqliteFile file) => _file = file;

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _file.FilePath;

    /// <summary>The options the file runs with in this process (the first opener's).</summary>
    public SqliteDatabaseOptions Options => _file.Options;

    /// <summary>
    /// Opens <paramref name="connectionString"/>'s file (<c>Data Source=/path/file.db</c>), creating
    /// it and its folder when missing. Only the data source is taken from the connection string.
    /// </summary>
    public static SqliteDatabase Open(string connectionString, SqliteDatabaseOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new SqliteDatabaseOptions();
        options.Validate();
        var filePath = FilePathOf(connectionString);
        var logger = (ILogger?)loggerFactory?.CreateLogger<SqliteDatabase>() ?? NullLogger.Instance;
        return new SqliteDatabase(SqliteFile.Acquire(filePath, options, logger));
    }

    /// <summary>The full path of the file a connection string names; throws for in-memory or missing data sources.</summary>
    public static string FilePathOf(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException($"A SQLite database file is needed, not '{builder.DataSource}'.", nameof(connectionString));
        }

        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the writer thread, inside a transaction shared with the
    /// other writes of its batch, and completes after that transaction is committed (durable with
    /// <see cref="SqliteSynchronous.Full"/>). If it throws, only its own changes are rolled back and
    /// the task fails with its exception. It must use the given transaction and must neither commit
    /// nor roll it back, nor block on anything but SQLite: every other write waits for it.
    /// <paramref name="cancellationToken"/> is honoured until the write starts.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ThrowIfDisposed();
        return _file.Writer.Enqueue((connection, transaction) => write(connection, transaction!), cancellationToken);
    }

    /// <inheritdoc cref="WriteAsync{T}(Func{SqliteConnection, SqliteTransaction, T}, CancellationToken)"/>
    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync((connection, transaction) =>
        {
            write(connection, transaction);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a reader thread's connection (query-only). It sees every write
    /// whose task has completed. Several statements see one snapshot only inside a transaction the
    /// function begins and disposes itself.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ThrowIfDisposed();
        return _file.Readers.Enqueue(read, cancellationToken);
    }

    /// <summary>
    /// Brings <paramref name="component"/>'s tables up to date: applies, in one write, each migration
    /// whose version is above the highest recorded for the component, and records it. Another
    /// process migrating the same file waits for the file's write lock and then finds the work done.
    /// </summary>
    public async Task MigrateAsync(string component, IReadOnlyList<SqliteMigration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        ArgumentNullException.ThrowIfNull(migrations);
        lock (_file.MigratedComponents)
        {
            if (_file.MigratedComponents.Contains(component))
            {
                return;
            }
        }

        var ordered = migrations.OrderBy(m => m.Version).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new ArgumentException($"The migrations of {component} must be numbered 1, 2, 3, … without gaps.", nameof(migrations));
            }
        }

        await WriteAsync((connection, transaction) => Migrate(connection, transaction, component, ordered), cancellationToken);
        lock (_file.MigratedComponents)
        {
            _file.MigratedComponents.Add(component);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _file.ReleaseAsync();
        }
    }

    private static void Migrate(SqliteConnection connection, SqliteTransaction transaction, string component, SqliteMigration[] migrations)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            CREATE TABLE IF NOT EXISTS {MigrationsTable} (
                component TEXT NOT NULL,
                version INTEGER NOT NULL,
                description TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                PRIMARY KEY (component, version));
            SELECT coalesce(max(version), 0) FROM {MigrationsTable} WHERE component = $component;
            """;
        command.Parameters.AddWithValue("$component", component);
        var applied = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (applied > migrations.Length)
        {
            throw new InvalidOperationException(
                $"The SQLite file has {component} schema version {applied}, newer than this code's {migrations.Length}: a newer version of the application has used it.");
        }

        foreach (var migration in migrations.Skip(applied))
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = migration.Sql;
            step.ExecuteNonQuery();
            step.CommandText = $"INSERT INTO {MigrationsTable} (component, version, description, applied_at) VALUES ($component, $version, $description, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
            step.Parameters.AddWithValue("$component", component);
            step.Parameters.AddWithValue("$version", migration.Version);
            step.Parameters.AddWithValue("$description", migration.Description);
            step.ExecuteNonQuery();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}

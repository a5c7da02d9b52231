using System.Data.Common;
using System.Globalization;
using CardActors.Grains.Hosting;

using Microsoft.Data.Sqlite;
using Npgsql;

namespace CardActors.Grains.Persistence;

/// <summary>
/// The audit, search and outbox tables, in the database of the grain state. Statements use
/// <c>$1</c>, <c>$2</c>… on both databases (SQLite binds them by name, Npgsql by position), and
/// times are UTC ISO-8601 text of fixed width, so they sort as text on both.
/// </summary>
internal sealed class DomainDatabase : IAsyncDisposable
{
    private readonly DbDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly SqliteConnection? _keepAlive;

    // SQLite has one writer at a time, and a writer that finds the lock taken sleeps in its busy
    // handler (up to 100 ms a try), blocking a thread. Our writers queue, without a thread, in the
    // file's queue, which the grain state storage of the same file shares.
    private readonly SemaphoreSlim? _sqliteWriteGate;

    static DomainDatabase() => SQLitePCL.Batteries_V2.Init();

    public DomainDatabase(DomainDatabaseProvider provider, string? connectionString)
    {
        Provider = provider;
        switch (provider)
        {
            case DomainDatabaseProvider.PostgreSql:
                _postgres = NpgsqlDataSource.Create(connectionString ?? throw new InvalidOperationException($"{CardActorsDomainOptions.SectionName}:ConnectionString is required for PostgreSql."));
                break;
            case DomainDatabaseProvider.InMemory:
                // A shared-cache memory database lives while one connection to it is open.
                _sqlite = $"Data Source=cardactors-domain-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
                _keepAlive = new SqliteConnection(_sqlite);
                _keepAlive.Open();
                _sqliteWriteGate = new SemaphoreSlim(1, 1);
                break;
            default:
                _sqlite = connectionString ?? throw new InvalidOperationException($"{CardActorsDomainOptions.SectionName}:ConnectionString is required for Sqlite.");
                _sqliteWriteGate = new SemaphoreSlim(1, 1); // TODO-STORAGE
                break;
        }
    }

    public DomainDatabaseProvider Provider { get; }

    /// <summary>Runs a write on its own connection and transaction, one at a time on SQLite.</summary>
    public async Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken)
    {
        if (_sqliteWriteGate is not null)
        {
            await _sqliteWriteGate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _sqliteWriteGate?.Release();
        }
    }

    public bool IsPostgres => _postgres is not null;

    /// <summary>Row locks that serialize appends to the audit chain; SQLite's write transactions are serialized already.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : string.Empty;

    public string CaseInsensitiveLike => IsPostgres ? "ILIKE" : "LIKE";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();

            // Wait for the write lock instead of failing: grains write concurrently.
            pragma.CommandText = "PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params object?[] arguments)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var argument in arguments)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = IsPostgres ? string.Empty : "$" + (command.Parameters.Count + 1).ToString(CultureInfo.InvariantCulture);
            parameter.Value = argument ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }

    }
}

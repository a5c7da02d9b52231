using System.Data.Common;
using System.Globalization;
using CardActors.Grains.Hosting;

using CardActors.Storage.Sqlite;
using Npgsql;

namespace CardActors.Grains.Persistence;

/// <summary>
/// The audit, search and outbox tables, in the database of the grain state. Statements use
/// <c>$1</c>, <c>$2</c>… on both databases (SQLite binds them by name, Npgsql by position), and
/// times are UTC ISO-8601 text of fixed width, so they sort as text on both.
/// <para>
/// On SQLite every statement runs on the file's own threads (<see cref="SqliteDatabase"/>): writes on
/// its writer, in the same group commits as the grain state, reads on its readers. Microsoft.Data.Sqlite
/// is synchronous behind its async methods, so the delegates below complete synchronously there, and
/// no SQLite call ever blocks a thread that runs grain turns or HTTP requests.
/// </para>
/// </summary>
internal sealed class DomainDatabase : IAsyncDisposable
{
    private readonly DbDataSource? _postgres;
    private readonly SqliteDatabase? _sqlite;

    public DomainDatabase(DomainDatabaseProvider provider, string? connectionString)
    {
        var required = connectionString ?? throw new InvalidOperationException($"{CardActorsDomainOptions.SectionName}:ConnectionString is required for {provider}.");
        if (provider == DomainDatabaseProvider.PostgreSql)
        {
            _postgres = NpgsqlDataSource.Create(required);
        }
        else
        {
            _sqlite = SqliteDatabase.Open(required);
        }
    }

    public bool IsPostgres => _postgres is not null;

    /// <summary>Row locks that serialize appends to the audit chain; SQLite's write transactions are serialized already.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : string.Empty;

    public string CaseInsensitiveLike => IsPostgres ? "ILIKE" : "LIKE";

    /// <summary>Runs a write in a transaction of its own (on SQLite: in the writer's next group commit).</summary>
    public async Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            await _sqlite.WriteAsync((connection, transaction) => write(connection, transaction).GetAwaiter().GetResult(), cancellationToken);
            return;
        }

        await using var connection = await _postgres!.OpenConnectionAsync(cancellationToken);
        await using var pgTransaction = await connection.BeginTransactionAsync(cancellationToken);
        await write(connection, pgTransaction);
        await pgTransaction.CommitAsync(cancellationToken);
    }

    /// <summary>Runs a query on a connection of its own (on SQLite: on one of the file's reader threads).</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            return await _sqlite.ReadAsync(connection => read(connection).GetAwaiter().GetResult(), cancellationToken);
        }

        await using var connection = await _postgres!.OpenConnectionAsync(cancellationToken);
        return await read(connection);
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

        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

    }
}

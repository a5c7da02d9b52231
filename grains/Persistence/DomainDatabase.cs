using System.Data.Common;
using System.Globalization;
using CardActors.Grains.Hosting;

using CardActors.Storage.Sqlite;
using Microsoft.Data.Sqlite;
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
    private static readonly string[] s_parameterNames = [.. Enumerable.Range(1, 32).Select(i => "$" + i.ToString(CultureInfo.InvariantCulture))];

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

    /// <summary>
    /// Offers <paramref name="write"/> to the next grain-state write of this async flow, so that it
    /// commits in the same transaction (<see cref="SqliteStateCompanion"/>); null on PostgreSQL, where
    /// the grain storage owns its connections.
    /// </summary>
    public SqliteStateCompanion? JoinStateWrite(Func<DbConnection, DbTransaction, Task> write)
        => _sqlite is null ? null : SqliteStateCompanion.Attach(_sqlite.FilePath, (connection, transaction) => write(connection, transaction).GetAwaiter().GetResult());

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFilePath => _sqlite?.FilePath;

    /// <summary>Runs a statement; on SQLite a command prepared once per connection (the writer runs the same few thousands of times a second).</summary>
    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] arguments)
    {
        if (connection is SqliteConnection sqlite)
        {
            return Prepared(sqlite, transaction, sql, arguments).ExecuteNonQuery();
        }

        await using var command = Command(connection, transaction, sql, arguments);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null; on SQLite a command prepared once per connection.</summary>
    public async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] arguments)
    {
        if (connection is SqliteConnection sqlite)
        {
            return Prepared(sqlite, transaction, sql, arguments).ExecuteScalar();
        }

        await using var command = Command(connection, transaction, sql, arguments);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The first row as <paramref name="map"/> reads it (the query must return one); on SQLite a command prepared once per connection.</summary>
    public async Task<T> SingleAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params object?[] arguments)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var sqliteReader = Prepared(sqlite, transaction, sql, arguments).ExecuteReader();
            return sqliteReader.Read() ? map(sqliteReader) : throw new InvalidOperationException("The query returned no row.");
        }

        await using var command = Command(connection, transaction, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader) : throw new InvalidOperationException("The query returned no row.");
    }

    private static SqliteCommand Prepared(SqliteConnection connection, DbTransaction? transaction, string sql, object?[] arguments)
    {
        var command = SqliteCommandCache.Get(connection, sql, (SqliteTransaction?)transaction);
        for (var i = 0; i < arguments.Length; i++)
        {
            command.Set(s_parameterNames[i], arguments[i]);
        }

        return command;
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

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CardActors.Bench.Storage;

internal sealed class SqliteRawSession : IRawSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;

    private SqliteRawSession(SqliteConnection connection, RawStatements statements)
    {
        _connection = connection;
        _insert = Prepare(connection, statements.Insert, withETag: false);
        _update = Prepare(connection, statements.Update, withETag: true);
    }

    public static SqliteRawSession Open(string connectionString, RawStatements statements)
    {
        var connection = SqliteDatabase.Open(connectionString);
        try
        {
            return new SqliteRawSession(connection, statements);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Task<long?> InsertAsync(string grainKey, byte[] payload) => ExecuteAsync(_insert, grainKey, payload);

    public Task<long?> UpdateAsync(string grainKey, byte[] payload, long etag)
    {
        _update.Parameters[5].Value = etag;
        return ExecuteAsync(_update, grainKey, payload);
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _update.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task<long?> ExecuteAsync(SqliteCommand command, string grainKey, byte[] payload)
    {
        command.Parameters[1].Value = grainKey;
        command.Parameters[3].Value = payload;
        return await command.ExecuteScalarAsync() is { } etag ? Convert.ToInt64(etag, CultureInfo.InvariantCulture) : null;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, bool withETag)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$1", SqliteType.Text).Value = StatePayload.GrainType;
        command.Parameters.Add("$2", SqliteType.Text).Value = "";
        command.Parameters.Add("$3", SqliteType.Text).Value = StateBenchGrain.StateName;
        command.Parameters.Add("$4", SqliteType.Blob).Value = Array.Empty<byte>();
        command.Parameters.Add("$5", SqliteType.Integer).Value = StatePayload.StateVersion;
        if (withETag)
        {
            command.Parameters.Add("$6", SqliteType.Integer).Value = 0L;
        }

        command.Prepare();
        return command;
    }
}

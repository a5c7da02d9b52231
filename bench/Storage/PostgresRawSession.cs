using Npgsql;
using NpgsqlTypes;

namespace CardActors.Bench.Storage;

internal sealed class PostgresRawSession : IRawSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _insert;
    private readonly NpgsqlCommand _update;

    private PostgresRawSession(NpgsqlConnection connection, NpgsqlCommand insert, NpgsqlCommand update)
    {
        _connection = connection;
        _insert = insert;
        _update = update;
    }

    public static async Task<IRawSession> OpenAsync(NpgsqlDataSource dataSource, RawStatements statements)
    {
        var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var insert = await PrepareAsync(connection, statements.Insert, withETag: false);
            var update = await PrepareAsync(connection, statements.Update, withETag: true);
            return new PostgresRawSession(connection, insert, update);
        }
        catch
        {
            await connection.DisposeAsync();
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

    private static async Task<long?> ExecuteAsync(NpgsqlCommand command, string grainKey, byte[] payload)
    {
        command.Parameters[1].Value = grainKey;
        command.Parameters[3].Value = payload;
        return await command.ExecuteScalarAsync() is long etag ? etag : null;
    }

    private static async Task<NpgsqlCommand> PrepareAsync(NpgsqlConnection connection, string sql, bool withETag)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = StatePayload.GrainType });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = "" });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = StateBenchGrain.StateName });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = Array.Empty<byte>() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = StatePayload.StateVersion });
        if (withETag)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = 0L });
        }

        await command.PrepareAsync();
        return command;
    }
}

using CardActors.Runtime.Hosting;
using CardActors.Runtime.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace CardActors.Bench.Storage;

/// <summary>
/// The PostgreSQL database named by CARDACTORS_TEST_POSTGRES: the silo keeps grain state in the
/// storage's own table; the baseline writes a table of the same shape next to it.
/// </summary>
internal sealed class PostgresDatabase(string connectionString) : IStorageDatabase
{
    public const string ConnectionStringVariable = "CARDACTORS_TEST_POSTGRES";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly RawStatements _statements = RawStatements.For("now()");

    public string Name => "PostgreSQL";

    public IReadOnlyList<int> WriterCounts => [1, 8];

    public string? WriterCountsNote => null;

    public void ConfigureSilo(ISiloBuilder silo) => silo.UsePostgreSqlStorage(connectionString);

    public async Task PrepareAsync()
    {
        await using var command = _dataSource.CreateCommand($"""
            DROP TABLE IF EXISTS {RawStatements.Table};
            CREATE TABLE {RawStatements.Table} (
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                state_name text NOT NULL,
                payload bytea NULL,
                state_version integer NOT NULL,
                etag bigint NOT NULL,
                modified_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITH (fillfactor = 90);
            DELETE FROM cardactors_grain_state WHERE grain_type = '{StateBenchGrain.GrainType}';
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IRawSession> OpenRawSessionAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync();
        try
        {
            var insert = await PrepareAsync(connection, _statements.Insert, withETag: false);
            var update = await PrepareAsync(connection, _statements.Update, withETag: true);
            return new RawSession(connection, insert, update);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await using (var command = _dataSource.CreateCommand($"DROP TABLE IF EXISTS {RawStatements.Table}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
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

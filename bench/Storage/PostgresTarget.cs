using CardActors.Storage.PostgreSql;
using CardActors.Storage.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace CardActors.Bench.Storage;

/// <summary>
/// Orleans' ADO.NET grain storage on PostgreSQL, on our schema (UseCardActorsPostgreSql: its
/// write is <c>SELECT orleans_grain_state_write(...)</c>, ETag-checked), against raw Npgsql calling
/// the same function on the same table under another service id, with the same serialized payload.
/// </summary>
internal sealed class PostgresTarget(string connectionString) : IStorageTarget
{
    public const string ConnectionStringVariable = "CARDACTORS_TEST_POSTGRES";
    private const string RawServiceId = "bench-raw";
    private const string RawGrainType = "statebench-raw/" + StateBenchGrain.StateName;

    private const string Write = "SELECT orleans_grain_state_write($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    // Auto-prepare: each pooled physical connection prepares the statement once, as a long-lived prepared command would.
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 8, AutoPrepareMinUsages = 2 }.ToString());

    private readonly JsonGrainStorageSerializer _serializer = new(new JsonGrainStorageSerializerOptions());

    public string Name => "PostgreSQL";

    public IReadOnlyList<int> WriterCounts => [1, 8];

    public string Note =>
        "PostgreSQL: grain side is Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet, invariant Npgsql) on our schema through UseCardActorsPostgreSql "
        + "(grain-type-scoped rows, JsonGrainStorageSerializer): each write opens a pooled connection and runs SELECT orleans_grain_state_write(…). "
        + "Raw side: Npgsql opening a pooled connection per write from one NpgsqlDataSource (auto-prepared statements) and calling the same function on the "
        + "same table under its own service id. The server is the private one of scripts/with-postgres.sh (fsync=off, synchronous_commit=off): CPU and round "
        + "trips, not disk.";

    public void ConfigureSilo(ISiloBuilder silo) => silo.UseCardActorsPostgreSql(connectionString, o =>
    {
        o.UseClustering = false;
        o.UseReminders = false;
        o.GrainStorageName = StateBenchGrain.StorageName;
    });

    public async Task PrepareAsync()
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM orleans_grain_state WHERE service_id = '{RawServiceId}'");
        await command.ExecuteNonQueryAsync();
    }

    public Func<Task> RawWriter(long key)
    {
        var state = new BenchState();
        int? version = null;
        return async () =>
        {
            state = state with { Sequence = state.Sequence + 1 };
            var payload = _serializer.Serialize(state).ToArray();
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(Write, connection);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = RawServiceId });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = RawGrainType });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = key });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = 0L });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = "" });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = 0 });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = 0 });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = version is { } v ? v : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = payload });
            version = await command.ExecuteScalarAsync() is int written ? written : throw new InvalidOperationException($"Raw row {key} changed under its writer.");
        };
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}

using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CardActors.Bench.Storage;

/// <summary>
/// Our SQLite grain storage (storage/CardActors.Storage: group commit on one writer thread,
/// WAL, synchronous=FULL) against raw Microsoft.Data.Sqlite running the same INSERT and UPDATE on a
/// table of the same shape in a second file of the same directory, with the same pragmas: one
/// open connection, commands prepared once, writes taken one at a time (an async lock), each its
/// own transaction, run on the caller's thread.
/// </summary>
internal sealed class SqliteTarget : IStorageTarget
{
    // The statements of SqliteGrainStorageSchema (internal there), copied: keep them in step.
    private const string CreateTable = """
        CREATE TABLE cardactors_grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            payload BLOB NULL,
            etag INTEGER NOT NULL,
            modified_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name))
        """;

    private const string Insert = """
        INSERT INTO cardactors_grain_state (grain_type, grain_key, state_name, payload, etag, modified_at)
        VALUES ($type, $key, $state, $payload, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT DO NOTHING
        """;

    private const string Update = """
        UPDATE cardactors_grain_state
        SET payload = $payload, etag = etag + 1, modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE grain_type = $type AND grain_key = $key AND state_name = $state AND etag = $etag
        RETURNING etag
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cardactors-bench-storage-");
    private readonly JsonGrainStorageSerializer _serializer = new(new JsonGrainStorageSerializerOptions());
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteCommand? _update;

    public string Name => "SQLite (FULL)";

    public IReadOnlyList<int> WriterCounts => [1, 8, 64];

    public string Note =>
        "SQLite: grain side is our SqliteGrainStorage (one writer thread per file, a SAVEPOINT per write, one COMMIT per batch, callers completed after the commit), "
        + "WAL, synchronous=FULL. Raw side: Microsoft.Data.Sqlite on a second file in the same directory, WAL, synchronous=FULL, one connection whose INSERT "
        + "(first write) and ETag-checked UPDATE … RETURNING (later writes) were prepared once, one write at a time behind an async lock, each its own "
        + "transaction (one fsync per write), on the caller's thread-pool thread; payload serialized per write by the same JsonGrainStorageSerializer. "
        + "With several writers the provider's group commit shares one fsync among a batch, the raw side cannot: above 100 % is expected there.";

    private string GrainFile => Path.Combine(_directory.FullName, "grain.db");

    private string RawFile => Path.Combine(_directory.FullName, "raw.db");

    public void ConfigureSilo(ISiloBuilder silo) => silo
        .AddCardActorsStateSerializer()
        .AddSqliteGrainStorage(StateBenchGrain.StorageName, o =>
        {
            o.ConnectionString = $"Data Source={GrainFile}";
            o.Database = new SqliteDatabaseOptions { Synchronous = SqliteSynchronous.Full };
        });

    public async Task PrepareAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = RawFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var setUp = connection.CreateCommand())
        {
            setUp.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            await setUp.ExecuteNonQueryAsync();
            setUp.CommandText = CreateTable;
            await setUp.ExecuteNonQueryAsync();
        }

        _connection = connection;
        _insert = Prepare(connection, Insert, withETag: false);
        _update = Prepare(connection, Update, withETag: true);
    }

    public Func<Task> RawWriter(long key)
    {
        var grainKey = key.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var state = new BenchState();
        long? etag = null;
        return async () =>
        {
            state = state with { Sequence = state.Sequence + 1 };
            var payload = _serializer.Serialize(state).ToArray();
            await _gate.WaitAsync();
            try
            {
                if (etag is { } expected)
                {
                    _update!.Parameters["$key"].Value = grainKey;
                    _update.Parameters["$payload"].Value = payload;
                    _update.Parameters["$etag"].Value = expected;
                    etag = _update.ExecuteScalar() is long written ? written : throw new InvalidOperationException($"Raw row {grainKey} changed under its writer.");
                }
                else
                {
                    _insert!.Parameters["$key"].Value = grainKey;
                    _insert.Parameters["$payload"].Value = payload;
                    etag = _insert.ExecuteNonQuery() == 1 ? 1 : throw new InvalidOperationException($"Raw row {grainKey} exists already.");
                }
            }
            finally
            {
                _gate.Release();
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        _insert?.Dispose();
        _update?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, bool withETag)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$type", SqliteType.Text).Value = "statebench-raw";
        command.Parameters.Add("$key", SqliteType.Text).Value = "";
        command.Parameters.Add("$state", SqliteType.Text).Value = StateBenchGrain.StateName;
        command.Parameters.Add("$payload", SqliteType.Blob).Value = Array.Empty<byte>();
        if (withETag)
        {
            command.Parameters.Add("$etag", SqliteType.Integer).Value = 0L;
        }

        command.Prepare();
        return command;
    }
}

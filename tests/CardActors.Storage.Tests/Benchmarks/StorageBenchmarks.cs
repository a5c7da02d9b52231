using System.Diagnostics;
using CardActors.Storage.PostgreSql;
using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;
using CardActors.Storage.Tests.Grains;
using CardActors.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit.Abstractions;
using JsonGrainStorageSerializer = CardActors.Storage.Serialization.JsonGrainStorageSerializer;

namespace CardActors.Storage.Tests.Benchmarks;

/// <summary>
/// Figures for choosing providers, printed through the test output:
/// <c>CARDACTORS_BENCH=1 scripts/with-postgres.sh dotnet test tests/CardActors.Storage.Tests -c Release --filter Category=Benchmark --logger "console;verbosity=detailed"</c>.
/// Each writer updates its own grain's state in a closed loop, with ETags, as an active grain would.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StorageBenchmarks(ITestOutputHelper output)
{
    private static readonly int[] s_sqliteWriters = [1, 8, 64];
    private static readonly int[] s_postgresWriters = [1, 8];
    private static readonly JsonGrainStorageSerializer s_serializer = new(new JsonGrainStorageSerializerOptions());

    [BenchmarkFact]
    public async Task Sqlite_our_provider_with_group_commit_vs_raw_one_write_per_transaction()
    {
        // Interleaved, so that both sides see the same disk (its fsync time drifts as the page cache flushes).
        foreach (var writers in s_sqliteWriters)
        {
            var provider = await SqliteProviderAsync(writers, SqliteSynchronous.Full);
            output.WriteLine($"SQLite Full   our provider (group commit)      {provider}");
            var raw = await SqliteRawAsync(writers);
            output.WriteLine($"SQLite Full   raw Microsoft.Data.Sqlite, 1 write/tx  {raw}");
        }

        foreach (var writers in s_sqliteWriters)
        {
            var provider = await SqliteProviderAsync(writers, SqliteSynchronous.Normal);
            output.WriteLine($"SQLite Normal our provider (group commit)      {provider}");
        }
    }

    [BenchmarkFact(RequiresPostgres = true)]
    public async Task PostgreSql_official_AdoNet_storage_vs_raw_Npgsql()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(connectionString);
        output.WriteLine($"PostgreSQL server: fsync={await SettingAsync(connectionString, "fsync")}, synchronous_commit={await SettingAsync(connectionString, "synchronous_commit")}");
        // Warm-up (JIT, pools, server caches), not reported.
        await AdoNetProviderAsync(connectionString, 8, "warm-official");
        await NpgsqlRawAsync(connectionString, 8, "warm-raw");
        foreach (var writers in s_postgresWriters)
        {
            // Alternating and repeated: the two are measured under the same conditions.
            for (var round = 0; round < 3; round++)
            {
                var official = await AdoNetProviderAsync(connectionString, writers, $"official-{writers}-{round}");
                var raw = await NpgsqlRawAsync(connectionString, writers, $"raw-{writers}-{round}");
                output.WriteLine($"PostgreSQL official ADO.NET storage  {official}");
                output.WriteLine($"PostgreSQL raw Npgsql, same SQL      {raw}");
                output.WriteLine($"  official / raw = {official.WritesPerSecond / raw.WritesPerSecond:P0}");
            }
        }
    }

    [BenchmarkFact]
    public async Task Grain_turns_while_64_grains_write_to_SQLite()
    {
        var connectionString = TestDatabases.NewSqliteFile();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o => o.ConnectionString = connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var pinger = cluster.Client.GetGrain<IStorageTestGrain>("pinger");
            await pinger.Ping();
            var pings = new List<double>();
            var pinging = Task.Run(async () =>
            {
                var until = Stopwatch.GetTimestamp() + (long)(BenchmarkFactAttribute.Duration.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < until)
                {
                    var start = Stopwatch.GetTimestamp();
                    await pinger.Ping();
                    pings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    await Task.Delay(2);
                }
            });
            var writes = await WriteLoad.RunAsync(64, BenchmarkFactAttribute.Duration, i =>
            {
                var grain = cluster.Client.GetGrain<IStorageTestGrain>($"writer-{i}");
                return () => grain.Add(1);
            });
            await pinging;
            pings.Sort();
            output.WriteLine($"Silo, 64 grains writing through SQLite (Full): {writes}");
            output.WriteLine($"  ping of another grain meanwhile: {pings.Count} pings, p50 {pings[pings.Count / 2]:F2} ms, p99 {pings[(int)(pings.Count * 0.99)]:F2} ms, max {pings[^1]:F2} ms");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<LoadResult> SqliteProviderAsync(int writers, SqliteSynchronous synchronous)
    {
        var connectionString = TestDatabases.NewSqliteFile();
        await using var harness = await StorageHarness.StartAsync(silo => silo
            .AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o =>
            {
                o.ConnectionString = connectionString;
                o.Database = new SqliteDatabaseOptions { Synchronous = synchronous };
            }));
        return await ProviderLoadAsync(harness.Storage(), writers, "bench");
    }

    private static async Task<LoadResult> ProviderLoadAsync(IGrainStorage storage, int writers, string prefix)
    {
        var states = new GrainState<AccountState>[writers];
        for (var i = 0; i < writers; i++)
        {
            states[i] = new GrainState<AccountState> { State = new AccountState { Balance = 0, Tags = ["bench"] } };
            await storage.WriteStateAsync("balance", GrainOf(prefix, i), states[i]);
        }

        return await WriteLoad.RunAsync(writers, BenchmarkFactAttribute.Duration, i =>
        {
            var grain = GrainOf(prefix, i);
            var state = states[i];
            return () =>
            {
                state.State = state.State! with { Balance = state.State.Balance + 1 };
                return storage.WriteStateAsync("balance", grain, state);
            };
        });
    }

    // The provider's statements, on one connection per thread, each write in its own
    // BEGIN IMMEDIATE transaction with synchronous=FULL: what a storage without a writer thread does.
    private static async Task<LoadResult> SqliteRawAsync(int writers)
    {
        var connectionString = TestDatabases.NewSqliteFile();
        await using (var database = SqliteDatabase.Open(connectionString))
        {
            await database.MigrateAsync(SqliteGrainStorageSchema.Component, SqliteGrainStorageSchema.Migrations);
        }

        var filePath = SqliteDatabase.FilePathOf(connectionString);
        return await WriteLoad.RunOnThreadsAsync(writers, BenchmarkFactAttribute.Duration, i =>
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString());
            connection.Open();
            using (var setUp = connection.CreateCommand())
            {
                setUp.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
                setUp.ExecuteNonQuery();
            }

            var key = $"bench-{i}";
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = SqliteGrainStorageSchema.Insert;
                insert.Parameters.AddWithValue("$type", "account");
                insert.Parameters.AddWithValue("$key", key);
                insert.Parameters.AddWithValue("$state", "balance");
                insert.Parameters.AddWithValue("$payload", Payload(0));
                insert.ExecuteNonQuery();
            }

            var update = connection.CreateCommand();
            update.CommandText = SqliteGrainStorageSchema.Update;
            var payload = update.Parameters.AddWithValue("$payload", Array.Empty<byte>());
            var etag = update.Parameters.AddWithValue("$etag", 1L);
            update.Parameters.AddWithValue("$type", "account");
            update.Parameters.AddWithValue("$key", key);
            update.Parameters.AddWithValue("$state", "balance");
            var balance = 0;
            return () =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                update.Transaction = transaction;
                payload.Value = Payload(++balance);
                etag.Value = (long)update.ExecuteScalar()!;
                transaction.Commit();
            };
        });
    }

    private static async Task<LoadResult> AdoNetProviderAsync(string connectionString, int writers, string prefix)
    {
        await using var harness = await StorageHarness.StartAsync(silo => silo.UseCardActorsPostgreSql(connectionString, o =>
        {
            o.UseClustering = false;
            o.UseReminders = false;
        }));
        return await ProviderLoadAsync(harness.Storage(), writers, prefix);
    }

    // The statement the official provider runs for a write (WriteToStorageKey), with the same
    // parameters, through a plain NpgsqlDataSource.
    private static async Task<LoadResult> NpgsqlRawAsync(string connectionString, int writers, string prefix)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        const string Sql = "SELECT orleans_grain_state_write($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        async Task<int?> WriteAsync(string key, int? version, byte[] payload)
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = "storage-tests" });
            command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = "account/balance" });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.GetHashCode(StringComparison.Ordinal) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 42 });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
            return await command.ExecuteScalarAsync() is int written ? written : null;
        }

        var versions = new int[writers];
        for (var i = 0; i < writers; i++)
        {
            versions[i] = await WriteAsync($"{prefix}-{i}", null, Payload(0)) ?? throw new InvalidOperationException("The first write failed.");
        }

        return await WriteLoad.RunAsync(writers, BenchmarkFactAttribute.Duration, i =>
        {
            var key = $"{prefix}-{i}";
            var balance = 0;
            return async () => versions[i] = await WriteAsync(key, versions[i], Payload(++balance)) ?? throw new InvalidOperationException("ETag conflict.");
        });
    }

    private static byte[] Payload(int balance)
        => s_serializer.Serialize(new AccountState { Balance = balance, Tags = ["bench"] }).ToArray();

    private static GrainId GrainOf(string prefix, int index) => GrainId.Create(GrainType.Create("account"), $"{prefix}-{index}");

    private static async Task<string> SettingAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {name}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

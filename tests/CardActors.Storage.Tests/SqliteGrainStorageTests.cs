using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;
using CardActors.Tests.Support;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace CardActors.Storage.Tests;

public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    private readonly string _connectionString = TestDatabases.NewSqliteFile();
    private StorageHarness? _harness;

    private protected override async Task<IGrainStorage> StartStorageAsync()
    {
        _harness = await StorageHarness.StartAsync(silo => silo
            .AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o => o.ConnectionString = _connectionString));
        return _harness.Storage();
    }

    private protected override async Task<IReadOnlyList<string>> ReadRawPayloadsAsync()
    {
        await using var database = SqliteDatabase.Open(_connectionString);
        return await database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT payload FROM cardactors_grain_state WHERE payload IS NOT NULL";
            using var reader = command.ExecuteReader();
            var payloads = new List<string>();
            while (reader.Read())
            {
                payloads.Add(Text((byte[])reader.GetValue(0)));
            }

            return payloads;
        });
    }

    public override async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(SqliteDatabase.FilePathOf(_connectionString))!, recursive: true);
    }

    [Fact]
    public async Task The_tables_are_created_once_and_a_restart_finds_the_state()
    {
        var grain = GrainId.Create(GrainType.Create("account"), "restart");
        await Storage.WriteStateAsync("balance", grain, new GrainState<AccountState> { State = new AccountState { Balance = 9 } });
        await _harness!.DisposeAsync();

        _harness = await StorageHarness.StartAsync(silo => silo
            .AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o => o.ConnectionString = _connectionString));
        var read = new GrainState<AccountState>();
        await _harness.Storage().ReadStateAsync("balance", grain, read);

        Assert.Equal(9, read.State!.Balance);
    }

    [Fact]
    public async Task Rows_offered_to_a_state_write_commit_with_it_and_roll_back_with_it()
    {
        var file = SqliteDatabase.FilePathOf(_connectionString);
        await using var database = SqliteDatabase.Open(_connectionString);
        await database.WriteAsync((connection, transaction) => Execute(connection, transaction, "CREATE TABLE companion_rows (id TEXT PRIMARY KEY)"));
        var grain = GrainId.Create(GrainType.Create("account"), "companion");
        var state = new GrainState<AccountState> { State = new AccountState { Balance = 1 } };

        using (var companion = SqliteStateCompanion.Attach(file, (c, t) => Execute(c, t, "INSERT INTO companion_rows VALUES ('first')")))
        {
            await Storage.WriteStateAsync("balance", grain, state);
            Assert.True(companion.Taken);
        }

        // A row that cannot be written (the same key again) fails the state write, which then changes nothing.
        state.State = new AccountState { Balance = 2 };
        using (var failing = SqliteStateCompanion.Attach(file, (c, t) => Execute(c, t, "INSERT INTO companion_rows VALUES ('first')")))
        {
            await Assert.ThrowsAsync<SqliteException>(() => Storage.WriteStateAsync("balance", grain, state));
            Assert.True(failing.Taken);
        }

        // Offered for another file, the rows stay with the caller.
        using (var elsewhere = SqliteStateCompanion.Attach(file + ".other", (c, t) => Execute(c, t, "INSERT INTO companion_rows VALUES ('other')")))
        {
            state.State = new AccountState { Balance = 3 };
            var read = new GrainState<AccountState>();
            await Storage.ReadStateAsync("balance", grain, read);
            state.ETag = read.ETag;
            await Storage.WriteStateAsync("balance", grain, state);
            Assert.False(elsewhere.Taken);
        }

        var stored = new GrainState<AccountState>();
        await Storage.ReadStateAsync("balance", grain, stored);
        Assert.Equal(3, stored.State!.Balance);
        var rows = await database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT group_concat(id) FROM companion_rows";
            return command.ExecuteScalar() as string;
        });
        Assert.Equal("first", rows);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

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
}

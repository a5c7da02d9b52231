using CardActors.Storage.PostgreSql;
using CardActors.Tests.Support;
using Npgsql;
using Orleans.Storage;

namespace CardActors.Storage.Tests;

[Trait("Category", "PostgreSql")]
[RequiresPostgres]
public sealed class PostgreSqlGrainStorageTests : GrainStorageConformanceTests
{
    private string _connectionString = null!;
    private readonly List<StorageHarness> _harnesses = [];

    internal static Task<StorageHarness> StartAdoNetStorageAsync(string connectionString)
        => StorageHarness.StartAsync(silo => silo.UseCardActorsPostgreSql(connectionString, o =>
        {
            o.UseClustering = false;
            o.UseReminders = false;
        }));

    private protected override async Task<IGrainStorage> StartStorageAsync()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            return null!; // every test is skipped
        }

        _connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        var harness = await StartAdoNetStorageAsync(_connectionString);
        _harnesses.Add(harness);
        return harness.Storage();
    }

    private protected override async Task<IReadOnlyList<string>> ReadRawPayloadsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload FROM orleans_grain_state WHERE payload IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new List<string>();
        while (await reader.ReadAsync())
        {
            payloads.Add(Text((byte[])reader.GetValue(0)));
        }

        return payloads;
    }

    public override async Task DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }

    [PostgresFact]
    public async Task Two_concurrent_first_writes_of_one_grain_never_both_succeed()
    {
        // Two silos (each its own provider and connection pool) activate the same grains at once.
        var other = await StartAdoNetStorageAsync(_connectionString);
        _harnesses.Add(other);
        var storages = new[] { Storage, other.Storage() };
        var outcomes = new List<(int Succeeded, int Conflicts)>();

        for (var round = 0; round < 50; round++)
        {
            var grain = GrainId.Create(GrainType.Create("account"), $"race-{round}");
            var writes = storages.Select(storage => Task.Run(async () =>
            {
                try
                {
                    await storage.WriteStateAsync("balance", grain, new GrainState<AccountState> { State = new AccountState { Balance = 1 } });
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            })).ToArray();
            var results = await Task.WhenAll(writes);
            outcomes.Add((results.Count(r => r), results.Count(r => !r)));
        }

        Assert.All(outcomes, o => Assert.Equal((1, 1), o));
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans_grain_state", connection);
        Assert.Equal(50L, await count.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task The_grain_state_table_has_a_primary_key_over_the_grains_identity()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))
            FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = 'orleans_grain_state'::regclass AND i.indisprimary
            """, connection);

        Assert.Equal("service_id,grain_type,grain_id_n0,grain_id_n1,grain_id_extension", await command.ExecuteScalarAsync());
    }
}

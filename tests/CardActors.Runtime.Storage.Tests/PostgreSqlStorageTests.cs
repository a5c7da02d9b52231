using CardActors.Runtime.Hosting;
using CardActors.Runtime.PostgreSql;
using CardActors.Tests.Support;
using Npgsql;

namespace CardActors.Runtime.Storage.Tests;

/// <summary>Each test works in a schema of its own (via <c>Search Path</c>), dropped afterwards.</summary>
[RequiresPostgres]
public sealed class PostgreSqlStorageTests : StorageConformanceTests
{
    private static string Server => TestDatabases.PostgresConnectionString ?? throw new InvalidOperationException(TestDatabases.PostgresSkipReason);

    protected override async Task<string> CreateDatabaseAsync()
    {
        var schema = $"storage_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(Server) { SearchPath = schema }.ConnectionString;
    }

    protected override Task DropDatabaseAsync(string connectionString)
        => ExecuteAsync($"DROP SCHEMA {new NpgsqlConnectionStringBuilder(connectionString).SearchPath} CASCADE");

    protected override void UseStorage(ISiloBuilder silo, string connectionString) => silo.UsePostgreSqlStorage(connectionString);

    [PostgresFact]
    public async Task The_tables_are_created_in_the_connections_schema()
    {
        var schema = new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath;
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", connection)
        {
            Parameters = { new() { Value = schema } },
        };
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["cardactors_grain_state", "cardactors_reminders", "cardactors_schema_version"], tables);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

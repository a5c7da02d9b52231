using CardActors.Storage.PostgreSql;
using CardActors.Tests.Support;
using Npgsql;

namespace CardActors.Storage.Tests;

[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlSchemaTests
{
    [PostgresFact]
    public async Task The_migrator_runs_twice_and_concurrently_without_error()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();

        // Eight silos starting at once on an empty database, then one more later.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgreSqlSchema.EnsureAsync(connectionString))));
        await PostgreSqlSchema.EnsureAsync(connectionString);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(PostgreSqlMigrations.All.Count, await PostgreSqlSchema.CurrentVersionAsync(dataSource));
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM cardactors_schema_migrations");
        Assert.Equal((long)PostgreSqlMigrations.All.Count, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task Every_query_key_the_ADO_NET_providers_need_is_there()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(connectionString);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            OrleansQueryKeys.Clustering.Concat(OrleansQueryKeys.Reminders).Concat(OrleansQueryKeys.Persistence).Order(StringComparer.Ordinal),
            keys.Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task A_database_migrated_by_newer_code_is_refused()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(connectionString);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var command = dataSource.CreateCommand("INSERT INTO cardactors_schema_migrations (component, version, description) VALUES ('orleans', 99, 'from the future')"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => PostgreSqlSchema.EnsureAsync(connectionString));
    }
}

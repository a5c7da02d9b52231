using CardActors.Storage.PostgreSql;
using CardActors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CardActors.Storage.Tests;

/// <summary>Orleans' own ADO.NET reminder table on our PostgreSQL schema.</summary>
[Trait("Category", "PostgreSql")]
[RequiresPostgres]
public sealed class PostgreSqlReminderTableTests : ReminderTableConformanceTests
{
    private StorageHarness? _harness;

    private protected override async Task<IReminderTable> StartTableAsync()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            return null!;
        }

        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(connectionString);
        _harness = await StorageHarness.StartAsync(
            silo => silo.UseCardActorsPostgreSql(connectionString, o =>
            {
                o.UseClustering = false;
                o.UseGrainStorage = false;
                o.EnsureSchemaAtStart = false;
            }),
            lifecycle: false);
        var table = _harness.Services.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    public override async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }
}

using CardActors.Storage.Sqlite;
using CardActors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Storage.Tests;

public sealed class SqliteReminderTableTests : ReminderTableConformanceTests
{
    private readonly string _connectionString = TestDatabases.NewSqliteFile();
    private StorageHarness? _harness;

    private protected override async Task<IReminderTable> StartTableAsync()
    {
        _harness = await StorageHarness.StartAsync(silo => silo.UseSqliteReminders(o => o.ConnectionString = _connectionString), lifecycle: false);
        var table = _harness.Services.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    public override async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.Services.GetRequiredService<IReminderTable>().StopAsync();
            await _harness.DisposeAsync();
        }

        Directory.Delete(Path.GetDirectoryName(SqliteDatabase.FilePathOf(_connectionString))!, recursive: true);
    }
}

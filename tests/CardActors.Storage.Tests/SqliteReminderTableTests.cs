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

    // Orleans' ADO.NET table throws on an ETag it could not have issued; ours answers false.
    [Fact]
    public async Task A_remove_with_an_ETag_of_the_wrong_shape_is_refused()
    {
        var grain = GrainId.Create(GrainType.Create("reminded"), "a");
        await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "tick", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });

        Assert.False(await Table.RemoveRow(grain, "tick", "not-an-etag-we-issued"));
        Assert.NotNull(await Table.ReadRow(grain, "tick"));
    }
}

using CardActors.Runtime.Hosting;
using CardActors.Runtime.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Storage.Tests;

public sealed class SqliteStorageTests : StorageConformanceTests
{
    // The file's directory does not exist yet either: the provider creates both.
    protected override Task<string> CreateDatabaseAsync()
    {
        var root = Directory.CreateTempSubdirectory("cardactors-storage-test-").FullName;
        return Task.FromResult($"Data Source={Path.Combine(root, "data", "cardactors.db")}");
    }

    protected override Task DropDatabaseAsync(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, recursive: true);
        return Task.CompletedTask;
    }

    protected override void UseStorage(ISiloBuilder silo, string connectionString) => silo.UseSqliteStorage(connectionString);

    [Fact]
    public async Task The_database_file_and_its_directory_are_created_in_WAL_mode()
    {
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_write_that_gave_up_waiting_for_the_write_lock_leaves_the_storage_usable()
    {
        var key = new GrainStateKey("card", "1", "state");
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var (storage, _) = StartProcess($"Data Source={file};Default Timeout=1");
        var etag = await storage.WriteAsync(key, "{}"u8.ToArray(), 1, null, CancellationToken.None);

        await using (var other = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync(); // BEGIN IMMEDIATE: holds the write lock
            var error = await Assert.ThrowsAsync<SqliteException>(() => storage.WriteAsync(key, "{}"u8.ToArray(), 1, etag, CancellationToken.None));
            Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
        }

        var written = await storage.WriteAsync(key, """{"v":2}"""u8.ToArray(), 1, etag, CancellationToken.None);
        Assert.Equal(written, (await storage.ReadAsync(key, CancellationToken.None))!.ETag);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=cards;Mode=Memory")]
    [InlineData("Mode=ReadWriteCreate")]
    public void A_connection_string_without_a_file_is_refused_at_registration(string connectionString)
        => Assert.Throws<ArgumentException>(() => new TestSiloBuilder(new ServiceCollection()).UseSqliteStorage(connectionString));

    [Fact]
    public async Task A_named_storage_leaves_the_reminders_to_the_default_one()
    {
        var named = await NewDatabaseAsync();
        var services = new ServiceCollection();
        new TestSiloBuilder(services).UseSqliteStorage(ConnectionString).UseSqliteStorage("archive", named);
        await using var provider = services.BuildServiceProvider();
        var archive = provider.GetRequiredKeyedService<IGrainStorage>("archive");
        await archive.InitializeAsync(CancellationToken.None);

        var key = new GrainStateKey("card", "1", "state");
        await archive.WriteAsync(key, "{}"u8.ToArray(), 1, null, CancellationToken.None);

        Assert.Null(await provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default).ReadAsync(key, CancellationToken.None));
        Assert.NotNull(await archive.ReadAsync(key, CancellationToken.None));
        Assert.Single(provider.GetServices<IReminderTable>());
    }
}

using CardActors.Storage.Sqlite;
using CardActors.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CardActors.Storage.Tests;

public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly string _connectionString = TestDatabases.NewSqliteFile();
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = SqliteDatabase.Open(_connectionString);
        await _database.MigrateAsync("test", [new(1, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")]);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_database.FilePath)!, recursive: true);
    }

    [Fact]
    public async Task A_failing_write_in_a_batch_fails_only_its_caller()
    {
        var writes = Enumerable.Range(0, 200)
            .Select(i => _database.WriteAsync((connection, transaction) => Insert(connection, transaction, i % 50 == 7 ? "duplicate" : $"item {i}")))
            .ToArray();

        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        // The first "duplicate" wins; the three later ones fail alone.
        Assert.Equal(3, writes.Count(w => w.IsFaulted));
        Assert.All(writes.Where(w => w.IsFaulted), w => Assert.IsType<SqliteException>(w.Exception!.InnerException));
        Assert.Equal(197L, await _database.ReadAsync(Count));
    }

    [Fact]
    public async Task Writes_are_visible_to_reads_once_acknowledged_and_run_on_the_writer_thread()
    {
        var threads = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => _database.WriteAsync((connection, transaction) =>
        {
            Insert(connection, transaction, $"item {i}");
            return Environment.CurrentManagedThreadId;
        })));

        Assert.Single(threads.Distinct());
        Assert.Equal(64L, await _database.ReadAsync(Count));
    }

    [Fact]
    public async Task A_write_that_reads_its_own_batch_sees_the_earlier_writes()
    {
        var first = _database.WriteAsync((connection, transaction) => Insert(connection, transaction, "a"));
        var second = _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT count(*) FROM items WHERE name = 'a'";
            return (long)command.ExecuteScalar()!;
        });
        await first;

        Assert.Equal(1L, await second);
    }

    [Fact]
    public async Task Every_opener_of_a_file_shares_the_writer_and_the_file_stays_usable_until_the_last_closes()
    {
        var other = SqliteDatabase.Open(_connectionString);
        var mine = await _database.WriteAsync((_, _) => Environment.CurrentManagedThreadId);
        var theirs = await other.WriteAsync((_, _) => Environment.CurrentManagedThreadId);
        await other.DisposeAsync();

        Assert.Equal(mine, theirs);
        await _database.WriteAsync((connection, transaction) => Insert(connection, transaction, "still open"));
    }

    [Fact]
    public void Opening_a_file_with_weaker_durability_than_it_already_runs_with_is_refused()
        => Assert.Throws<InvalidOperationException>(() => SqliteDatabase.Open(_connectionString, new SqliteDatabaseOptions { Synchronous = SqliteSynchronous.Normal }));

    [Fact]
    public async Task The_file_runs_in_WAL_mode_with_synchronous_FULL()
    {
        var (journal, synchronous) = await _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA journal_mode";
            var mode = (string)command.ExecuteScalar()!;
            command.CommandText = "PRAGMA synchronous";
            return (mode, (long)command.ExecuteScalar()!);
        });

        Assert.Equal("wal", journal);
        Assert.Equal(2L, synchronous); // FULL
    }

    [Fact]
    public async Task Migrations_run_once_and_a_newer_schema_is_refused()
    {
        await _database.MigrateAsync("other", [new(1, "t", "CREATE TABLE other_t (x INTEGER)")]);
        await using var second = SqliteDatabase.Open(_connectionString);
        await second.MigrateAsync("other", [new(1, "t", "CREATE TABLE other_t (x INTEGER)")]);

        await _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO cardactors_schema_migrations VALUES ('newer', 5, 'from the future', 'now')";
            command.ExecuteNonQuery();
        });
        await Assert.ThrowsAsync<ArgumentException>(() => _database.MigrateAsync("gap", [new(2, "t", "SELECT 1")]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.MigrateAsync("newer", [new(1, "t", "SELECT 1")]));
    }

    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        var command = SqliteCommandCache.Get(connection, "INSERT INTO items (name) VALUES ($name)", transaction);
        return command.Set("$name", name).ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM items";
        return (long)command.ExecuteScalar()!;
    }
}

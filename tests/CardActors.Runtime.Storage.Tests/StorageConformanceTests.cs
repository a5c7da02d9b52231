using System.Text;
using CardActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Runtime.Storage.Tests;

/// <summary>
/// What every durable grain storage and reminder table must do, written once and run against
/// each provider by a derived class. Each test gets an empty database of its own. A "process"
/// here is a service provider with its own data source, as a second silo would have.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    private static readonly GrainStateKey s_key = new("account", "42", "balance");

    private readonly List<ServiceProvider> _processes = [];
    private readonly List<string> _databases = [];

    protected IGrainStorage Storage { get; private set; } = null!;

    protected IReminderTable Reminders { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = null!;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync(string connectionString);

    /// <summary>Registers the provider under test, as an app would.</summary>
    protected abstract void UseStorage(ISiloBuilder silo, string connectionString);

    public async Task InitializeAsync()
    {
        ConnectionString = await NewDatabaseAsync();
        (Storage, Reminders) = StartProcess(ConnectionString);
        await Storage.InitializeAsync(CancellationToken.None);
        await Reminders.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await DropDatabaseAsync(database);
        }
    }

    protected async Task<string> NewDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        _databases.Add(connectionString);
        return connectionString;
    }

    /// <summary>A second silo on the same database: its own container, data source and connections; not yet initialized.</summary>
    protected (IGrainStorage Storage, IReminderTable Reminders) StartProcess(string connectionString)
    {
        var services = new ServiceCollection();
        UseStorage(new TestSiloBuilder(services), connectionString);
        var provider = services.BuildServiceProvider();
        _processes.Add(provider);
        return (provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default), provider.GetRequiredService<IReminderTable>());
    }

    [ConformanceFact]
    public async Task Reading_a_missing_record_returns_null()
        => Assert.Null(await Storage.ReadAsync(s_key, CancellationToken.None));

    [ConformanceFact]
    public async Task A_record_is_inserted_read_and_updated()
    {
        var inserted = await Storage.WriteAsync(s_key, Json("""{"balance":1}"""), 1, null, CancellationToken.None);
        var afterInsert = await Storage.ReadAsync(s_key, CancellationToken.None);
        var updated = await Storage.WriteAsync(s_key, Json("""{"balance":2,"currency":"EUR"}"""), 2, inserted, CancellationToken.None);
        var afterUpdate = await Storage.ReadAsync(s_key, CancellationToken.None);

        Assert.Equal("""{"balance":1}""", Text(afterInsert!.Payload));
        Assert.Equal(1, afterInsert.StateVersion);
        Assert.Equal(inserted, afterInsert.ETag);
        Assert.NotEqual(inserted, updated);
        Assert.Equal("""{"balance":2,"currency":"EUR"}""", Text(afterUpdate!.Payload));
        Assert.Equal(2, afterUpdate.StateVersion);
        Assert.Equal(updated, afterUpdate.ETag);
    }

    [ConformanceFact]
    public async Task Payload_bytes_round_trip_exactly_whatever_their_size()
    {
        var big = new byte[1024 * 1024];
        Random.Shared.NextBytes(big);
        var etag = await Storage.WriteAsync(s_key, big, 1, null, CancellationToken.None);
        Assert.Equal(big, (await Storage.ReadAsync(s_key, CancellationToken.None))!.Payload);

        // Empty is a state, not a tombstone.
        await Storage.WriteAsync(s_key, Array.Empty<byte>(), 1, etag, CancellationToken.None);
        Assert.Equal(Array.Empty<byte>(), (await Storage.ReadAsync(s_key, CancellationToken.None))!.Payload);

        // A slice of a larger buffer writes just the slice.
        var buffer = Encoding.UTF8.GetBytes("xx{\"a\":1}yy");
        var other = s_key with { StateName = "slice" };
        await Storage.WriteAsync(other, buffer.AsMemory(2, 7), 1, null, CancellationToken.None);
        Assert.Equal("""{"a":1}""", Text((await Storage.ReadAsync(other, CancellationToken.None))!.Payload));
    }

    [ConformanceFact]
    public async Task A_write_with_a_stale_ETag_is_rejected_and_changes_nothing()
    {
        var first = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 1, null, CancellationToken.None);
        var second = await Storage.WriteAsync(s_key, Json("""{"v":2}"""), 1, first, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(s_key, Json("""{"v":3}"""), 1, first, CancellationToken.None));

        Assert.Contains(s_key.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{first}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{second}'", error.Message, StringComparison.Ordinal);
        var stored = await Storage.ReadAsync(s_key, CancellationToken.None);
        Assert.Equal("""{"v":2}""", Text(stored!.Payload));
        Assert.Equal(second, stored.ETag);
    }

    [ConformanceFact]
    public async Task A_write_with_an_ETag_but_no_record_is_rejected()
    {
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(s_key, Json("{}"), 1, "1", CancellationToken.None));
        Assert.Null(await Storage.ReadAsync(s_key, CancellationToken.None));
    }

    [ConformanceFact]
    public async Task An_insert_over_an_existing_record_is_rejected_and_changes_nothing()
    {
        var etag = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 1, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(s_key, Json("""{"v":2}"""), 1, null, CancellationToken.None));

        Assert.Contains($"'{etag}'", error.Message, StringComparison.Ordinal);
        var stored = await Storage.ReadAsync(s_key, CancellationToken.None);
        Assert.Equal("""{"v":1}""", Text(stored!.Payload));
        Assert.Equal(etag, stored.ETag);
    }

    [ConformanceFact]
    public async Task An_ETag_the_storage_never_issued_is_rejected()
    {
        var etag = await Storage.WriteAsync(s_key, Json("{}"), 1, null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(s_key, Json("{}"), 1, "W/\"abc\"", CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(s_key, "-1", CancellationToken.None));
        Assert.Equal(etag, (await Storage.ReadAsync(s_key, CancellationToken.None))!.ETag);
    }

    [ConformanceFact]
    public async Task A_clear_keeps_a_tombstone_that_rejects_the_old_ETag()
    {
        var written = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 3, null, CancellationToken.None);

        var cleared = await Storage.ClearAsync(s_key, written, CancellationToken.None);

        Assert.NotNull(cleared);
        Assert.NotEqual(written, cleared);
        var tombstone = await Storage.ReadAsync(s_key, CancellationToken.None);
        Assert.Null(tombstone!.Payload);
        Assert.Equal(cleared, tombstone.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(s_key, Json("{}"), 1, written, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(s_key, Json("{}"), 1, null, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(s_key, written, CancellationToken.None));

        var rewritten = await Storage.WriteAsync(s_key, Json("""{"v":2}"""), 1, cleared, CancellationToken.None);
        var stored = await Storage.ReadAsync(s_key, CancellationToken.None);
        Assert.Equal("""{"v":2}""", Text(stored!.Payload));
        Assert.Equal(rewritten, stored.ETag);
    }

    [ConformanceFact]
    public async Task A_tombstone_can_be_cleared_again()
    {
        var written = await Storage.WriteAsync(s_key, Json("{}"), 1, null, CancellationToken.None);
        var first = await Storage.ClearAsync(s_key, written, CancellationToken.None);

        var second = await Storage.ClearAsync(s_key, first, CancellationToken.None);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(second, (await Storage.ReadAsync(s_key, CancellationToken.None))!.ETag);
    }

    [ConformanceFact]
    public async Task A_clear_with_a_stale_ETag_is_rejected_and_changes_nothing()
    {
        var first = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 1, null, CancellationToken.None);
        var second = await Storage.WriteAsync(s_key, Json("""{"v":2}"""), 1, first, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(s_key, first, CancellationToken.None));

        Assert.Contains($"'{second}'", error.Message, StringComparison.Ordinal);
        var stored = await Storage.ReadAsync(s_key, CancellationToken.None);
        Assert.Equal("""{"v":2}""", Text(stored!.Payload));
        Assert.Equal(second, stored.ETag);
    }

    [ConformanceFact]
    public async Task Clearing_without_a_record_returns_null_and_stores_nothing()
    {
        Assert.Null(await Storage.ClearAsync(s_key, null, CancellationToken.None));
        Assert.Null(await Storage.ReadAsync(s_key, CancellationToken.None));
    }

    [ConformanceFact]
    public async Task A_clear_without_an_ETag_is_rejected_when_a_record_exists()
    {
        var etag = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 1, null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(s_key, null, CancellationToken.None));

        var stored = await Storage.ReadAsync(s_key, CancellationToken.None);
        Assert.Equal("""{"v":1}""", Text(stored!.Payload));
        Assert.Equal(etag, stored.ETag);
    }

    [ConformanceFact]
    public async Task Two_grain_types_with_the_same_key_and_state_name_do_not_collide()
    {
        var account = new GrainStateKey("account", "7", "state");
        var card = new GrainStateKey("card", "7", "state");

        var accountETag = await Storage.WriteAsync(account, Json("""{"kind":"account"}"""), 1, null, CancellationToken.None);
        var cardETag = await Storage.WriteAsync(card, Json("""{"kind":"card"}"""), 1, null, CancellationToken.None);
        await Storage.ClearAsync(card, cardETag, CancellationToken.None);

        var stored = await Storage.ReadAsync(account, CancellationToken.None);
        Assert.Equal("""{"kind":"account"}""", Text(stored!.Payload));
        Assert.Equal(accountETag, stored.ETag);
        Assert.Null((await Storage.ReadAsync(card, CancellationToken.None))!.Payload);
        Assert.Null(await Storage.ReadAsync(account with { StateName = "other" }, CancellationToken.None));
    }

    [ConformanceFact]
    public async Task Another_process_reads_what_one_wrote()
    {
        var etag = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 4, null, CancellationToken.None);
        var (other, _) = StartProcess(ConnectionString);
        await other.InitializeAsync(CancellationToken.None);

        var stored = await other.ReadAsync(s_key, CancellationToken.None);

        Assert.Equal("""{"v":1}""", Text(stored!.Payload));
        Assert.Equal(4, stored.StateVersion);
        Assert.Equal(etag, stored.ETag);
    }

    [ConformanceFact]
    public async Task Schema_initialization_is_idempotent()
    {
        var etag = await Storage.WriteAsync(s_key, Json("""{"v":1}"""), 1, null, CancellationToken.None);
        await Reminders.UpsertAsync(new ReminderEntry(new GrainId("account", "42"), "daily", DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1)), CancellationToken.None);

        await Storage.InitializeAsync(CancellationToken.None);
        await Reminders.InitializeAsync(CancellationToken.None);
        await Storage.InitializeAsync(CancellationToken.None);

        Assert.Equal(etag, (await Storage.ReadAsync(s_key, CancellationToken.None))!.ETag);
        Assert.Single(await Reminders.ReadAllAsync(CancellationToken.None));
    }

    [ConformanceFact]
    public async Task Processes_that_start_together_on_an_empty_database_all_initialize_it()
    {
        var database = await NewDatabaseAsync();
        var processes = Enumerable.Range(0, 4).Select(_ => StartProcess(database)).ToList();

        await Task.WhenAll(processes.SelectMany(p => new[]
        {
            Task.Run(() => p.Storage.InitializeAsync(CancellationToken.None)),
            Task.Run(() => p.Reminders.InitializeAsync(CancellationToken.None)),
        }));

        var etag = await processes[0].Storage.WriteAsync(s_key, Json("{}"), 1, null, CancellationToken.None);
        Assert.Equal(etag, (await processes[3].Storage.ReadAsync(s_key, CancellationToken.None))!.ETag);
    }

    [ConformanceFact]
    public async Task Concurrent_writers_to_different_keys_all_succeed()
    {
        var keys = Enumerable.Range(0, 200).Select(i => new GrainStateKey("card", $"card-{i}", "state")).ToList();

        var inserted = await Task.WhenAll(keys.Select(k => Task.Run(() => Storage.WriteAsync(k, Json($$"""{"key":"{{k.GrainKey}}"}"""), 1, null, CancellationToken.None))));
        var updated = await Task.WhenAll(keys.Select((k, i) => Task.Run(() => Storage.WriteAsync(k, Json($$"""{"key":"{{k.GrainKey}}","v":2}"""), 2, inserted[i], CancellationToken.None))));

        var stored = await Task.WhenAll(keys.Select(k => Storage.ReadAsync(k, CancellationToken.None)));
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal($$"""{"key":"{{keys[i].GrainKey}}","v":2}""", Text(stored[i]!.Payload));
            Assert.Equal(updated[i], stored[i]!.ETag);
        }
    }

    [ConformanceFact]
    public async Task Of_concurrent_writers_with_the_same_ETag_exactly_one_wins()
    {
        var etag = await Storage.WriteAsync(s_key, Json("""{"v":0}"""), 1, null, CancellationToken.None);
        var (other, _) = StartProcess(ConnectionString);

        var attempts = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                return await (i % 2 == 0 ? Storage : other).WriteAsync(s_key, Json($$"""{"v":{{i}}}"""), 1, etag, CancellationToken.None);
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(attempts, a => a is not null);
        Assert.Equal(winner, (await Storage.ReadAsync(s_key, CancellationToken.None))!.ETag);
    }

    [ConformanceFact]
    public async Task Reminders_are_upserted_read_and_removed()
    {
        var card = new GrainId("card", "7");
        var account = new GrainId("account", "7");
        var due = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        await Reminders.UpsertAsync(new ReminderEntry(card, "expire", due, TimeSpan.Zero), CancellationToken.None);
        await Reminders.UpsertAsync(new ReminderEntry(card, "statement", due, TimeSpan.FromDays(30)), CancellationToken.None);
        await Reminders.UpsertAsync(new ReminderEntry(account, "expire", due, TimeSpan.FromMinutes(5)), CancellationToken.None);

        var cardReminders = (await Reminders.ReadAsync(card, CancellationToken.None)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        Assert.Equal([new ReminderEntry(card, "expire", due, TimeSpan.Zero), new ReminderEntry(card, "statement", due, TimeSpan.FromDays(30))], cardReminders);
        Assert.True(cardReminders[0].IsOneShot);
        Assert.Equal(TimeSpan.Zero, cardReminders[0].DueAt.Offset);

        var later = due.AddHours(1);
        await Reminders.UpsertAsync(new ReminderEntry(card, "statement", later, TimeSpan.FromDays(31)), CancellationToken.None);
        Assert.Contains(new ReminderEntry(card, "statement", later, TimeSpan.FromDays(31)), await Reminders.ReadAsync(card, CancellationToken.None));

        Assert.True(await Reminders.RemoveAsync(card, "expire", CancellationToken.None));
        Assert.False(await Reminders.RemoveAsync(card, "expire", CancellationToken.None));
        Assert.False(await Reminders.RemoveAsync(new GrainId("card", "8"), "statement", CancellationToken.None));

        var all = await Reminders.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, all.Count);
        Assert.Contains(new ReminderEntry(card, "statement", later, TimeSpan.FromDays(31)), all);
        Assert.Contains(new ReminderEntry(account, "expire", due, TimeSpan.FromMinutes(5)), all);
        Assert.Empty(await Reminders.ReadAsync(new GrainId("card", "8"), CancellationToken.None));
    }

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    private static string? Text(byte[]? payload) => payload is null ? null : Encoding.UTF8.GetString(payload);
}

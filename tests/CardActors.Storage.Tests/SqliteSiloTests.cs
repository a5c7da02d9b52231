using System.Diagnostics;
using CardActors.Storage.Serialization;
using CardActors.Storage.Sqlite;
using CardActors.Storage.Tests.Grains;
using CardActors.Tests.Support;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace CardActors.Storage.Tests;

/// <summary>A real silo (TestingHost, in-process) with the SQLite grain storage and reminders.</summary>
public sealed class SqliteSiloTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _connectionString = TestDatabases.NewSqliteFile();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddCardActorsStateSerializer()
            .AddSqliteGrainStorageAsDefault(o => o.ConnectionString = _connectionString)
            .UseSqliteReminders(o => o.ConnectionString = _connectionString));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(SqliteDatabase.FilePathOf(_connectionString))!, recursive: true);
    }

    [Fact]
    public async Task A_grain_persists_its_state_across_activations()
    {
        var grain = _cluster.Client.GetGrain<IStorageTestGrain>("persisting");
        await grain.Add(2);
        await grain.Add(3);

        await grain.Deactivate();
        await Task.Delay(200);

        Assert.Equal(5, await grain.Get());
    }

    [Fact]
    public async Task A_reminder_kept_in_SQLite_fires()
    {
        var grain = _cluster.Client.GetGrain<IStorageTestGrain>("reminded");

        await grain.StartTicking();

        var clock = Stopwatch.StartNew();
        while (await grain.Ticks() == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "The reminder did not fire within 60 s.");
            await Task.Delay(100);
        }

        output.WriteLine($"First tick after {clock.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task Grain_turns_go_on_while_many_grains_write()
    {
        const int Writers = 32;
        const int WritesEach = 100;
        using var stop = new CancellationTokenSource();
        var pinger = _cluster.Client.GetGrain<IStorageTestGrain>("pinger");
        await pinger.Ping();

        var writes = Task.WhenAll(Enumerable.Range(0, Writers).Select(async i =>
        {
            var grain = _cluster.Client.GetGrain<IStorageTestGrain>($"writer-{i}");
            for (var n = 0; n < WritesEach; n++)
            {
                await grain.Add(1);
            }
        }));

        var pings = new List<TimeSpan>();
        while (!writes.IsCompleted)
        {
            var clock = Stopwatch.StartNew();
            var ping = pinger.Ping();

            // A functional check, not a timing threshold: every ping is answered while the writes run.
            Assert.Same(ping, await Task.WhenAny(ping, Task.Delay(TimeSpan.FromSeconds(10))));
            pings.Add(clock.Elapsed);
            await Task.Delay(5);
        }

        await writes;
        for (var i = 0; i < Writers; i++)
        {
            Assert.Equal(WritesEach, await _cluster.Client.GetGrain<IStorageTestGrain>($"writer-{i}").Get());
        }

        pings.Sort();
        output.WriteLine($"{pings.Count} pings during {Writers * WritesEach} writes: p50 {pings[pings.Count / 2].TotalMilliseconds:F2} ms, max {pings[^1].TotalMilliseconds:F2} ms.");
    }
}

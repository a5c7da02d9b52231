namespace CardActors.Storage.Tests;

/// <summary>What every reminder table we run on must do; a derived class supplies the provider on an empty database.</summary>
public abstract class ReminderTableConformanceTests : IAsyncLifetime
{
    private protected IReminderTable Table { get; private set; } = null!;

    private protected abstract Task<IReminderTable> StartTableAsync();

    public async Task InitializeAsync() => Table = await StartTableAsync();

    public abstract Task DisposeAsync();

    [ConformanceFact]
    public async Task A_reminder_is_upserted_read_and_updated_with_a_new_ETag()
    {
        var grain = Grain("a");
        var start = new DateTime(2026, 11, 3, 10, 0, 0, 123, DateTimeKind.Utc);

        var first = await Table.UpsertRow(Entry(grain, "tick", start, TimeSpan.FromMinutes(1)));
        var read = await Table.ReadRow(grain, "tick");

        Assert.NotNull(first);
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("tick", read.ReminderName);
        Assert.Equal(start, read.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromMinutes(1), read.Period);
        Assert.Equal(first, read.ETag);

        var second = await Table.UpsertRow(Entry(grain, "tick", start.AddHours(1), TimeSpan.FromMinutes(5)));
        Assert.NotEqual(first, second);
        var updated = await Table.ReadRow(grain, "tick");
        Assert.Equal(TimeSpan.FromMinutes(5), updated!.Period);
        Assert.Equal(second, updated.ETag);
    }

    [ConformanceFact]
    public async Task Reading_a_missing_reminder_gives_null_and_rows_of_a_grain_are_its_own()
    {
        var a = Grain("a");
        var b = Grain("b");
        await Table.UpsertRow(Entry(a, "one"));
        await Table.UpsertRow(Entry(a, "two"));
        await Table.UpsertRow(Entry(b, "one"));

        Assert.Null(await Table.ReadRow(a, "three"));
        var rows = await Table.ReadRows(a);
        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [ConformanceFact]
    public async Task A_remove_needs_the_current_ETag()
    {
        var grain = Grain("a");
        var first = await Table.UpsertRow(Entry(grain, "tick"));
        var second = await Table.UpsertRow(Entry(grain, "tick"));

        Assert.False(await Table.RemoveRow(grain, "tick", first!));
        Assert.False(await Table.RemoveRow(grain, "tick", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(await Table.RemoveRow(grain, "tick", second!));
        Assert.Null(await Table.ReadRow(grain, "tick"));
        Assert.False(await Table.RemoveRow(grain, "tick", second!));
    }

    [ConformanceFact]
    public async Task A_reminder_created_again_after_a_remove_does_not_take_back_an_old_ETag()
    {
        var grain = Grain("a");
        var first = await Table.UpsertRow(Entry(grain, "tick"));
        Assert.True(await Table.RemoveRow(grain, "tick", first!));

        var again = await Table.UpsertRow(Entry(grain, "tick"));

        Assert.NotEqual(first, again);
        Assert.False(await Table.RemoveRow(grain, "tick", first!));
    }

    [ConformanceFact]
    public async Task Ring_ranges_are_begin_exclusive_end_inclusive_and_wrap_when_begin_is_not_below_end()
    {
        var grains = Enumerable.Range(0, 200).Select(i => Grain($"g{i}")).ToArray();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "r"));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var low = hashes[50];
        var high = hashes[150];

        await AssertRange(low, high, h => h > low && h <= high);
        await AssertRange(high, low, h => h > high || h <= low);
        await AssertRange(low, low, _ => true);
        await AssertRange(0, uint.MaxValue, h => h > 0);
        await AssertRange(uint.MaxValue, 0, h => h == 0 || h > uint.MaxValue);

        async Task AssertRange(uint begin, uint end, Func<uint, bool> inRange)
        {
            var rows = await Table.ReadRows(begin, end);
            var expected = grains.Where(g => inRange(g.GetUniformHashCode())).Select(g => g.ToString()).Order();
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order());
        }
    }

    [ConformanceFact]
    public async Task Clearing_the_table_removes_everything()
    {
        await Table.UpsertRow(Entry(Grain("a"), "one"));
        await Table.UpsertRow(Entry(Grain("b"), "two"));

        await Table.TestOnlyClearTable();

        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
    }

    private static GrainId Grain(string key) => GrainId.Create(GrainType.Create("reminded"), key);

    private static ReminderEntry Entry(GrainId grain, string name, DateTime? start = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = start ?? DateTime.UtcNow,
        Period = period ?? TimeSpan.FromMinutes(1),
    };
}

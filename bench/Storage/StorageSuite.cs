using System.Globalization;
using CardActors.Bench.Harness;
using CardActors.Runtime.Hosting;
using CardActors.Runtime.Testing;

namespace CardActors.Bench.Storage;

/// <summary>
/// Persistent write throughput: a grain that calls <c>WriteStateAsync</c> on every call, against
/// plain ADO.NET running the same statements on a table of the same shape, with the same payload
/// (serialized per write) and the same number of closed-loop writers, each on its own row.
/// </summary>
internal sealed class StorageSuite : ISuite
{
    private const double TargetRatio = 0.70;

    public string Name => "storage";

    public string Description => $"persistent write throughput on SQLite and PostgreSQL (PostgreSQL needs {PostgresDatabase.ConnectionStringVariable})";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var table = new MarkdownTable(
            "database", "writers", "grain writes/s", "p50 µs", "p99 µs", "max µs", "B/write",
            "raw writes/s", "p50 µs", "p99 µs", "max µs", "grain / raw");
        var notes = new List<string>();

        await MeasureAsync(new SqliteDatabase(), settings, table, report, notes);

        var postgres = Environment.GetEnvironmentVariable(PostgresDatabase.ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            var why = $"skipped: {PostgresDatabase.ConnectionStringVariable} is not set (run under scripts/with-postgres.sh)";
            notes.Add($"PostgreSQL {why}.");
            report.Skipped($"PostgreSQL grain writes ≥ {Format.Ratio(TargetRatio)} of raw ADO.NET", why);
        }
        else
        {
            await MeasureAsync(new PostgresDatabase(postgres), settings, table, report, notes);
        }

        report.Section("Persistent writes");
        report.Table(table);
        notes.Insert(
            0,
            $"Each writer awaits its write before the next and owns one row (grain: one grain each). Per row: {Format.Seconds(settings.Warmup)} warm-up "
            + $"of each side, then {settings.Rounds} rounds of {Format.Seconds(settings.Duration)} measured, raw and grain in turn, added up. "
            + "Grain: a call whose method sets State and awaits WriteStateAsync (PostgreSQL: a pooled connection per write; SQLite: the file's in-process write queue and one shared connection). Raw: plain ADO.NET running the storage's own INSERT/UPDATE statements "
            + "(ETag check included) on a table of the same shape, with the same JSON payload serialized per write; each write rents an open connection whose "
            + "two commands were prepared once (a pool of as many connections as writes run at once). B/write is process-wide.");
        foreach (var note in notes)
        {
            report.Note(note);
        }
    }

    private static async Task MeasureAsync(IStorageDatabase database, BenchSettings settings, MarkdownTable table, Report report, List<string> notes)
    {
        if (database.WriterCountsNote is { } note)
        {
            notes.Add(note);
        }

        await using (database)
        {
            await using var silo = await TestSilo.StartAsync(s =>
            {
                s.AddGrain<StateBenchGrain>();
                database.ConfigureSilo(s);
            });
            await database.PrepareAsync();

            var nextKey = 0L;
            foreach (var writers in database.WriterCounts)
            {
                await using var pool = new RawSessionPool(database.OpenRawSessionAsync);
                var rawCalls = new Func<Task>[writers];
                var grainCalls = new Func<Task>[writers];
                for (var i = 0; i < writers; i++)
                {
                    var key = nextKey++;
                    rawCalls[i] = new RawStateWriter(pool, key.ToString(CultureInfo.InvariantCulture)).WriteAsync;
                    grainCalls[i] = GrainWriter(silo.GrainFactory.GetGrain<IStateBenchGrain>(key));
                }

                var (baseline, grain) = await LoadRunner.CompareAsync(rawCalls, grainCalls, settings);
                var ratio = grain.CallsPerSecond / baseline.CallsPerSecond;
                table.AddRow(
                    database.Name,
                    writers.ToString(CultureInfo.InvariantCulture),
                    Format.Rate(grain.CallsPerSecond),
                    Format.Microseconds(grain.P50Microseconds),
                    Format.Microseconds(grain.P99Microseconds),
                    Format.Microseconds(grain.Latency.MaxMicroseconds),
                    Format.Bytes(grain.AllocatedBytesPerCall),
                    Format.Rate(baseline.CallsPerSecond),
                    Format.Microseconds(baseline.P50Microseconds),
                    Format.Microseconds(baseline.P99Microseconds),
                    Format.Microseconds(baseline.Latency.MaxMicroseconds),
                    Format.Ratio(ratio));
                report.Target(
                    $"{database.Name}, {writers} writer{(writers == 1 ? "" : "s")}: grain writes ≥ {Format.Ratio(TargetRatio)} of raw ADO.NET",
                    $"{Format.Ratio(ratio)} ({Format.Rate(grain.CallsPerSecond)} vs {Format.Rate(baseline.CallsPerSecond)} writes/s)",
                    ratio >= TargetRatio);
            }
        }
    }

    private static Func<Task> GrainWriter(IStateBenchGrain grain)
    {
        var sequence = 0;
        return () => grain.Write(++sequence);
    }
}

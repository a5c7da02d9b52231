using System.Globalization;
using CardActors.Bench.Harness;

namespace CardActors.Bench.Storage;

/// <summary>
/// Persistent write throughput: a grain that awaits <c>WriteStateAsync</c> on every call, against raw
/// ADO.NET running the same statements on a table of the same shape, with the same payload
/// (serialized per write) and the same number of closed-loop writers, each on its own row.
/// SQLite through our provider (synchronous=FULL) at 1, 8 and 64 writers; PostgreSQL through Orleans'
/// ADO.NET storage at 1 and 8 writers, when <see cref="PostgresTarget.ConnectionStringVariable"/> is set.
/// </summary>
internal sealed class StorageSuite : ISuite
{
    private const double TargetRatio = 0.70;

    public string Name => "storage";

    public string Description => $"persistent writes/s: SQLite provider (FULL) and Orleans ADO.NET on PostgreSQL vs. raw ADO.NET (PostgreSQL needs {PostgresTarget.ConnectionStringVariable})";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var table = new MarkdownTable(
            "database", "writers", "grain writes/s", "p50 µs", "p99 µs", "max µs", "B/write",
            "raw writes/s", "p50 µs", "p99 µs", "max µs", "grain / raw");
        var notes = new List<string>();

        await MeasureAsync(new SqliteTarget(), settings, table, report, notes);

        var postgres = Environment.GetEnvironmentVariable(PostgresTarget.ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            var why = $"skipped: {PostgresTarget.ConnectionStringVariable} is not set (run under scripts/with-postgres.sh)";
            notes.Add($"PostgreSQL {why}.");
            report.Skipped($"PostgreSQL grain writes ≥ {Format.Ratio(TargetRatio)} of raw Npgsql", why);
        }
        else
        {
            await MeasureAsync(new PostgresTarget(postgres), settings, table, report, notes);
        }

        report.Section("Persistent writes");
        report.Table(table);
        notes.Insert(
            0,
            $"Each writer awaits its write before the next (yielding after every {settings.YieldEvery}) and owns one row (grain: one grain each). Per row: "
            + $"{Format.Seconds(settings.Warmup)} warm-up of each side, then {settings.Rounds} rounds of {Format.Seconds(settings.Duration)} measured, raw and grain "
            + "in turn, added up. Grain: an external call to a grain whose method sets State and awaits WriteStateAsync. B/write is process-wide.");
        foreach (var note in notes)
        {
            report.Note(note);
        }
    }

    private static async Task MeasureAsync(IStorageTarget target, BenchSettings settings, MarkdownTable table, Report report, List<string> notes)
    {
        notes.Add(target.Note);
        await using (target)
        {
            await using var silo = await LocalCluster.StartAsync(1, target.ConfigureSilo);
            await target.PrepareAsync();
            var grains = silo.GrainFactory(0);
            var nextKey = 1L;
            foreach (var writers in target.WriterCounts)
            {
                var rawCalls = new Func<Task>[writers];
                var grainCalls = new Func<Task>[writers];
                for (var i = 0; i < writers; i++)
                {
                    var key = nextKey++;
                    rawCalls[i] = target.RawWriter(key);
                    grainCalls[i] = GrainWriter(grains.GetGrain<IStateBenchGrain>(key));
                }

                var (raw, grain) = await LoadRunner.CompareAsync(rawCalls, grainCalls, settings);
                var ratio = grain.CallsPerSecond / raw.CallsPerSecond;
                table.AddRow(
                    target.Name,
                    writers.ToString(CultureInfo.InvariantCulture),
                    Format.Rate(grain.CallsPerSecond),
                    Format.Microseconds(grain.P50Microseconds),
                    Format.Microseconds(grain.P99Microseconds),
                    Format.Microseconds(grain.Latency.MaxMicroseconds),
                    Format.Bytes(grain.AllocatedBytesPerCall),
                    Format.Rate(raw.CallsPerSecond),
                    Format.Microseconds(raw.P50Microseconds),
                    Format.Microseconds(raw.P99Microseconds),
                    Format.Microseconds(raw.Latency.MaxMicroseconds),
                    Format.Ratio(ratio));
                report.Target(
                    $"{target.Name}, {writers} writer{(writers == 1 ? "" : "s")}: grain writes ≥ {Format.Ratio(TargetRatio)} of raw",
                    $"{Format.Ratio(ratio)} ({Format.Rate(grain.CallsPerSecond)} vs {Format.Rate(raw.CallsPerSecond)} writes/s)",
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

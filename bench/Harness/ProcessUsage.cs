using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using CardActors.Storage.Sqlite;

namespace CardActors.Bench.Harness;

/// <summary>
/// What the whole bench process used: CPU time, bytes it caused to be written to disk
/// (<c>/proc/self/io</c> <c>write_bytes</c>; 0 where there is none), grain calls that reached a silo
/// in this process (counted by <see cref="GrainCallCounter"/> where a suite installs it), and the
/// SQLite writer threads' writes and commits (meter <see cref="SqliteMetrics.MeterName"/>).
/// </summary>
internal readonly record struct ProcessUsage(TimeSpan Cpu, long DiskBytes, long GrainCalls, long SqliteWrites, long SqliteCommits)
{
    private static long s_grainCalls;
    private static long s_sqliteWrites;
    private static long s_sqliteCommits;
    private static readonly MeterListener s_listener = StartListener();

    public static ProcessUsage Now()
    {
        GC.KeepAlive(s_listener);
        return new(
            Process.GetCurrentProcess().TotalProcessorTime,
            DiskWriteBytes(),
            Interlocked.Read(ref s_grainCalls),
            Interlocked.Read(ref s_sqliteWrites),
            Interlocked.Read(ref s_sqliteCommits));
    }

    public static void CountGrainCall() => Interlocked.Increment(ref s_grainCalls);

    public static ProcessUsage operator -(ProcessUsage after, ProcessUsage before)
        => new(after.Cpu - before.Cpu, after.DiskBytes - before.DiskBytes, after.GrainCalls - before.GrainCalls, after.SqliteWrites - before.SqliteWrites, after.SqliteCommits - before.SqliteCommits);

    public static ProcessUsage operator +(ProcessUsage a, ProcessUsage b)
        => new(a.Cpu + b.Cpu, a.DiskBytes + b.DiskBytes, a.GrainCalls + b.GrainCalls, a.SqliteWrites + b.SqliteWrites, a.SqliteCommits + b.SqliteCommits);

    private static MeterListener StartListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SqliteMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "cardactors.sqlite.writes")
            {
                Interlocked.Add(ref s_sqliteWrites, value);
            }
            else if (instrument.Name == "cardactors.sqlite.commits")
            {
                Interlocked.Add(ref s_sqliteCommits, value);
            }
        });
        listener.Start();
        return listener;
    }

    private static long DiskWriteBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}

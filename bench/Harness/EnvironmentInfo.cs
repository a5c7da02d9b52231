using System.Runtime;
using System.Runtime.InteropServices;

namespace CardActors.Bench.Harness;

/// <summary>The facts a reader needs to compare figures from two runs, including how busy the machine was.</summary>
internal static class EnvironmentInfo
{
    public static void Print(TextWriter output)
    {
#if DEBUG
        const string configuration = "Debug (figures are not representative: use -c Release)";
#else
        const string configuration = "Release";
#endif
        var gc = GC.GetConfigurationVariables();
        output.WriteLine($"runtime:  {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}");
        output.WriteLine($"machine:  {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):N0} GiB available to the GC");
        output.WriteLine($"build:    {configuration}");
        output.WriteLine(
            $"gc:       {(GCSettings.IsServerGC ? "server" : "workstation")} ({gc.GetValueOrDefault("HeapCount")} heap(s)), "
            + $"{(gc.GetValueOrDefault("ConcurrentGC") is true ? "concurrent" : "non-concurrent")}, latency mode {GCSettings.LatencyMode}");
        output.WriteLine($"date:     {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        PrintLoad(output, "at start");
    }

    /// <summary>The 1-minute load average (Linux): above the core count, other processes shared the cores and figures are low.</summary>
    public static void PrintLoad(TextWriter output, string when)
    {
        const string loadAverage = "/proc/loadavg";
        if (File.Exists(loadAverage))
        {
            var fields = File.ReadAllText(loadAverage).Split(' ');
            output.WriteLine($"load:     {fields[0]} (1-minute load average {when}; {Environment.ProcessorCount} cores)");
        }
    }
}

using System.Globalization;
using CardActors.Bench.Activations;
using CardActors.Bench.Batch;
using CardActors.Bench.Calls;
using CardActors.Bench.CrossSilo;
using CardActors.Bench.Failover;
using CardActors.Bench.Harness;
using CardActors.Bench.Http;
using CardActors.Bench.Storage;

namespace CardActors.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench -- [calls|activations|cross-silo|storage|http|history|failover|batch|all ...] [--seconds N] [--rounds N] [--warmup N] [--callers N,N] [--yield-every N] [--activations N] [--history-cards N]</c>.
/// Prints Markdown tables and whether each target of docs/benchmarks.md was met; it never fails on
/// a missed target (exit code 0), only on bad arguments (2).
/// </summary>
internal static class Program
{
    private static readonly ISuite[] s_suites =
        [new CallsSuite(), new ActivationsSuite(), new CrossSiloSuite(), new StorageSuite(), new HttpSuite(), new HistorySuite(), new FailoverSuite(), new BatchSuite()];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == FailoverSilo.Argument)
        {
            // A silo process that the failover suite started and will kill.
            return await FailoverSilo.RunAsync(args);
        }

        if (!TryParse(args, out var suites, out var settings, out var error))
        {
            if (error.Length == 0)
            {
                PrintUsage(Console.Out);
                return 0;
            }

            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync();
            PrintUsage(Console.Error);
            return 2;
        }

        var report = new Report(Console.Out);
        report.Output.WriteLine("# CardActors benchmarks");
        report.Output.WriteLine();
        EnvironmentInfo.Print(report.Output);
        foreach (var suite in suites)
        {
            await Console.Error.WriteLineAsync($"running {suite.Name}: {suite.Description}");
            await suite.RunAsync(settings, report);
        }

        report.Summary();
        report.Output.WriteLine();
        EnvironmentInfo.PrintLoad(report.Output, "at end");
        return 0;
    }

    private static bool TryParse(string[] args, out List<ISuite> suites, out BenchSettings settings, out string error)
    {
        suites = [];
        settings = new BenchSettings();
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    error = "";
                    return false;
                case "all":
                    suites.AddRange(s_suites);
                    break;
                case "--callers":
                    var counts = i + 1 < args.Length ? args[i + 1].Split(',') : [];
                    var parsed = counts.Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0).ToList();
                    if (parsed.Count == 0 || parsed.Contains(0))
                    {
                        error = "--callers needs a comma-separated list of positive numbers, e.g. 1,8,64.";
                        return false;
                    }

                    i++;
                    settings = settings with { CallerCounts = parsed };
                    break;
                case "--seconds" or "--rounds" or "--warmup" or "--activations" or "--yield-every" or "--history-cards":
                    if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
                    {
                        error = $"{arg} needs a positive number.";
                        return false;
                    }

                    i++;
                    settings = arg switch
                    {
                        "--seconds" => settings with { Duration = TimeSpan.FromSeconds(value) },
                        "--rounds" => settings with { Rounds = (int)Math.Ceiling(value) },
                        "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(value) },
                        "--yield-every" => settings with { YieldEvery = Math.Max(1, (int)value) },
                        "--history-cards" => settings with { HistoryCards = (long)value },
                        _ => settings with { Activations = (int)value },
                    };
                    break;
                default:
                    var suite = s_suites.FirstOrDefault(s => s.Name == arg);
                    if (suite is null)
                    {
                        error = $"Unknown suite or option '{arg}'.";
                        return false;
                    }

                    suites.Add(suite);
                    break;
            }
        }

        if (suites.Count == 0)
        {
            suites.AddRange(s_suites);
        }

        suites = [.. suites.Distinct()];
        return true;
    }

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: dotnet run -c Release --project bench -- [suite ...] [--seconds N] [--rounds N] [--warmup N] [--callers N,N] [--yield-every N] [--activations N] [--history-cards N]");
        output.WriteLine();
        output.WriteLine("suites (default: all; storage's PostgreSQL rows and failover need CARDACTORS_TEST_POSTGRES: run under scripts/with-postgres.sh):");
        foreach (var suite in s_suites)
        {
            output.WriteLine($"  {suite.Name,-12} {suite.Description}");
        }

        output.WriteLine("  all          every suite above");
        output.WriteLine();
        output.WriteLine("options:");
        output.WriteLine("  --seconds N      measured time of one round (default 2)");
        output.WriteLine("  --rounds N       rounds per row, baseline and subject in turn (default 3; failover: N kills and N graceful stops)");
        output.WriteLine("  --warmup N       warm-up time of each side of a row (default 1)");
        output.WriteLine("  --callers N,N    caller counts of calls, cross-silo and http (default 1,8,64; calls also measures 64 on one grain)");
        output.WriteLine("  --yield-every N  each closed-loop caller awaits Task.Yield() after every N calls (default 32; see docs/benchmarks.md)");
        output.WriteLine("  --activations N  grains the activations suite activates (default 100000)");
        output.WriteLine("  --history-cards N  cards the history suite makes for its 10 users before its second measurement (default 100000)");
    }
}

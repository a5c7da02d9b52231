using CardActors.Tests.Support;

namespace CardActors.Storage.Tests.Benchmarks;

/// <summary>A measurement, not a test: skipped unless <c>CARDACTORS_BENCH=1</c>. It prints figures and asserts only that the work was done.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "CARDACTORS_BENCH";

    private string? _skip;

    /// <summary>Also skipped when PostgreSQL is not there.</summary>
    public bool RequiresPostgres { get; set; }

    public override string? Skip
    {
        get => _skip
            ?? (Environment.GetEnvironmentVariable(Variable) != "1" ? $"Benchmark skipped: set {Variable}=1 to run it." : null)
            ?? (RequiresPostgres && TestDatabases.PostgresConnectionString is null ? TestDatabases.PostgresSkipReason : null);
        set => _skip = value;
    }

    /// <summary>How long each measurement runs; <c>CARDACTORS_BENCH_SECONDS</c>, 5 by default.</summary>
    public static TimeSpan Duration => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CARDACTORS_BENCH_SECONDS"), out var seconds) && seconds > 0 ? seconds : 5);
}

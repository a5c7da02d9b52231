using System.Diagnostics.Metrics;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// What the writer threads do, as .NET metrics (meter <see cref="MeterName"/>, for
/// <c>dotnet-counters</c> or any <see cref="MeterListener"/>): how many writes were queued and how
/// many transactions committed them. Writes per commit is the group-commit factor; each commit is
/// one fsync of the WAL with <c>synchronous=FULL</c>.
/// </summary>
public static class SqliteMetrics
{
    public const string MeterName = "CardActors.Storage.Sqlite";

    private static readonly Meter s_meter = new(MeterName);

    internal static readonly Counter<long> Writes = s_meter.CreateCounter<long>("cardactors.sqlite.writes", description: "Writes run by a SQLite writer thread");

    internal static readonly Counter<long> Commits = s_meter.CreateCounter<long>("cardactors.sqlite.commits", description: "Transactions a SQLite writer thread committed");
}

using System.Diagnostics;
using System.Globalization;
using CardActors.Bench.Harness;
using CardActors.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CardActors.Bench.Failover;

/// <summary>
/// How long the grains of a silo that dies are unavailable: two silo processes on one PostgreSQL
/// cluster (Orleans' ADO.NET clustering, membership tuned as silo/ClusterTuning.cs does), this
/// process a cluster client. Probe grains are spread over both silos; the one that is not the
/// survivor is killed with SIGKILL, and every probe that lived on it is called until it answers
/// from the survivor. Baseline, in the same run: the same silo stopped gracefully. Rounds alternate.
/// </summary>
internal sealed class FailoverSuite : ISuite
{
    private const int Probes = 200;
    private const double TargetSeconds = 5;
    private static readonly TimeSpan s_giveUp = TimeSpan.FromSeconds(60);

    public string Name => "failover";

    public string Description => $"seconds from kill -9 of a silo process to its grains answering on the survivor (PostgreSQL clustering; needs {Storage.PostgresTarget.ConnectionStringVariable})";

    public async Task RunAsync(BenchSettings settings, Report report)
    {
        var connectionString = Environment.GetEnvironmentVariable(Storage.PostgresTarget.ConnectionStringVariable);
        report.Section("Failover: a silo process killed");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var why = $"skipped: {Storage.PostgresTarget.ConnectionStringVariable} is not set (run under scripts/with-postgres.sh)";
            report.Note($"Failover {why}.");
            report.Skipped($"kill -9: grains of the dead silo answer on the survivor within {TargetSeconds} s", why);
            return;
        }

        await PostgreSqlSchema.EnsureAsync(connectionString, null, CancellationToken.None);
        var clusterId = "bench-failover-" + Guid.NewGuid().ToString("N")[..8];
        var startTimeout = TimeSpan.FromSeconds(60);
        await using var survivor = await SiloProcess.StartAsync(clusterId, startTimeout);
        using var client = await StartClientAsync(connectionString, clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        var table = new MarkdownTable("round", "stop", "probes on it", "first answer s", "median s", "all answered s", "failed calls meanwhile");
        var kills = new List<double>();
        var graceful = new List<double>();
        var nextKey = 0L;
        for (var round = 1; round <= settings.Rounds * 2; round++)
        {
            var kill = round % 2 == 1;
            await using var victim = await SiloProcess.StartAsync(clusterId, startTimeout);
            var onVictim = new List<IFailoverProbeGrain>();
            for (var attempt = 0; attempt < 5 && onVictim.Count < Probes / 4; attempt++)
            {
                var probes = Enumerable.Range(0, Probes).Select(_ => grains.GetGrain<IFailoverProbeGrain>(nextKey++)).ToList();
                var places = await Task.WhenAll(probes.Select(p => p.Where()));
                onVictim.AddRange(probes.Where((_, i) => places[i] == victim.Address));
            }

            var started = Stopwatch.GetTimestamp();
            if (kill)
            {
                victim.Kill();
            }
            else
            {
                victim.StopGracefully();
            }

            var answers = await Task.WhenAll(onVictim.Select(p => FirstAnswerAsync(p, victim.Address, started)));
            await victim.WaitForExitAsync();
            var seconds = answers.Select(a => a.Seconds).Order().ToList();
            var all = seconds.Count == 0 || seconds.Any(double.IsNaN) ? double.NaN : seconds[^1];
            if (seconds.Count > 0)
            {
                // A round in which no probe landed on the stopped silo measured nothing.
                (kill ? kills : graceful).Add(all);
            }

            table.AddRow(
                round.ToString(CultureInfo.InvariantCulture),
                kill ? "kill -9" : "graceful (baseline)",
                onVictim.Count.ToString(CultureInfo.InvariantCulture),
                Seconds(seconds.Count == 0 ? double.NaN : seconds[0]),
                Seconds(seconds.Count == 0 ? double.NaN : seconds[seconds.Count / 2]),
                seconds.Count == 0 ? "no probe on it" : double.IsNaN(all) ? $"not within {s_giveUp.TotalSeconds} s" : Seconds(all),
                answers.Sum(a => a.Failures).ToString(CultureInfo.InvariantCulture));
        }

        report.Table(table);
        var killMedian = Median(kills);
        var gracefulMedian = Median(graceful);
        report.Note(
            $"Median over rounds of the time until every probe of the stopped silo answered: kill -9 {Seconds(killMedian)} s, graceful stop {Seconds(gracefulMedian)} s. "
            + "Two silo processes (this program started again) on Orleans' ADO.NET clustering on PostgreSQL (our schema, UseCardActorsPostgreSql), 127.0.0.1, "
            + "membership tuned as silo/ClusterTuning.cs (probe timeout 1.5 s, 2 missed probes, 2 votes, indirect probes); this process is a cluster client that "
            + $"reads the gateways from the membership table every second, response timeout 5 s. Each round starts a new second silo, activates {Probes} or more "
            + "stateless probe grains with random placement and takes those on the second silo, then kills it (SIGKILL) or closes its standard input (graceful "
            + "stop), and calls each of those probes in a loop (each call abandoned after 2 s, 10 ms between calls) until it answers from the survivor. Times count "
            + "from just before the kill.");
        report.Target(
            $"kill -9: grains of the dead silo answer on the survivor within {TargetSeconds} s (median of {kills.Count} rounds)",
            $"{Seconds(killMedian)} s (graceful stop {Seconds(gracefulMedian)} s)",
            killMedian <= TargetSeconds);
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        LocalCluster.QuietLogging(builder.Logging);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = FailoverSilo.ServiceId;
            });
            client.UseCardActorsPostgreSqlClustering(connectionString);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<(double Seconds, int Failures)> FirstAnswerAsync(IFailoverProbeGrain probe, string deadSilo, long started)
    {
        var failures = 0;
        while (Stopwatch.GetElapsedTime(started) < s_giveUp)
        {
            try
            {
                var at = await probe.Where().WaitAsync(TimeSpan.FromSeconds(2));
                if (at != deadSilo)
                {
                    return (Stopwatch.GetElapsedTime(started).TotalSeconds, failures);
                }
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
            {
                failures++;
            }

            await Task.Delay(10);
        }

        return (double.NaN, failures);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0 || values.Any(double.IsNaN))
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Seconds(double value) => double.IsNaN(value) ? "-" : value.ToString("N2", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Net;
using CardActors.Bench.Harness;
using CardActors.Storage.PostgreSql;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace CardActors.Bench.Failover;

/// <summary>
/// A silo process of the failover suite: the bench started again with <see cref="Argument"/>. It
/// joins the PostgreSQL cluster (Orleans' ADO.NET clustering on our schema), prints
/// <c>ready &lt;silo address&gt;</c>, and stops gracefully when its standard input closes, unless it
/// is killed first.
/// </summary>
internal static class FailoverSilo
{
    public const string Argument = "--failover-silo";
    public const string ServiceId = "bench-failover";

    /// <summary>Silo membership as silo/ClusterTuning.cs sets it for a production line (copied: that class is internal to the silo).</summary>
    public static void ProductionLineTuning(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1.5);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 2;
        options.EnableIndirectProbes = true;
    }

    /// <summary>args: <c>--failover-silo siloPort gatewayPort clusterId</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(Storage.PostgresTarget.ConnectionStringVariable);
        if (args.Length != 4 || string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync($"usage: {Argument} siloPort gatewayPort clusterId, with {Storage.PostgresTarget.ConnectionStringVariable} set");
            return 2;
        }

        var siloPort = int.Parse(args[1], CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(args[2], CultureInfo.InvariantCulture);
        var clusterId = args[3];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        LocalCluster.QuietLogging(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.UseCardActorsPostgreSql(connectionString, o =>
            {
                o.UseReminders = false;
                o.UseGrainStorage = false;
            });
            silo.Configure<ClusterMembershipOptions>(ProductionLineTuning);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var address = host.Services.GetService(typeof(ILocalSiloDetails)) is ILocalSiloDetails details ? details.SiloAddress.ToString() : "?";
        await Console.Out.WriteLineAsync($"ready {address}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        await host.StopAsync(TimeSpan.FromSeconds(20));
        return 0;
    }
}

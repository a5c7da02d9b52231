using System.Globalization;
using CardActors.Api.Security;
using CardActors.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Bench.Harness;

/// <summary>
/// The embedded default as the suites run it: one process (silo, domain, HTTP API, as
/// <see cref="SiloHost.AddCardActorsNode"/> wires it) on SQLite in the run's own data directory, on
/// ports the OS hands out, warnings only in the log.
/// </summary>
internal static class EmbeddedNode
{
    /// <summary>The node's settings; with <paramref name="operatorApiKey"/>, an operator key for HTTP callers.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory, string clusterId, int siloPort, int gatewayPort, string? operatorApiKey = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["CardActors:Storage:Provider"] = "Sqlite",
            ["CardActors:Storage:DataDirectory"] = dataDirectory,
            ["CardActors:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["CardActors:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["CardActors:Cluster:ClusterId"] = clusterId,
            ["CardActors:Logging:Json"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (operatorApiKey is not null)
        {
            settings["CardActors:Api:Keys:0:Name"] = "bench-operator";
            settings["CardActors:Api:Keys:0:Role"] = ApiRoles.Operator;
            settings["CardActors:Api:Keys:0:Sha256"] = ApiKeyHash.Compute(operatorApiKey);
        }

        return settings;
    }

    /// <summary>
    /// A silo of a PostgreSQL cluster (clustering, grain state, reminders and the domain's tables in
    /// the database) instead of the embedded default; silos given the same <paramref name="clusterId"/>
    /// form one cluster.
    /// </summary>
    public static Dictionary<string, string?> PostgresSettings(string dataDirectory, string connectionString, string clusterId, int siloPort, int gatewayPort, string? operatorApiKey = null)
    {
        var settings = Settings(dataDirectory, clusterId, siloPort, gatewayPort, operatorApiKey);
        settings["CardActors:Storage:Provider"] = "PostgreSql";
        settings["CardActors:Storage:ConnectionString"] = connectionString;
        settings["CardActors:Cluster:Provider"] = "PostgreSql";
        settings["CardActors:Cluster:ServiceId"] = clusterId;
        return settings;
    }

    /// <summary>Builds and starts the node with <paramref name="settings"/>; <paramref name="services"/> adds what a suite measures with.</summary>
    public static async Task<WebApplication> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, Args = [SiloHost.NoConfigWatchArgument] });
        builder.Configuration.AddInMemoryCollection(settings);
        LocalCluster.QuietLogging(builder.Logging);
        builder.AddCardActorsNode();
        LocalCluster.QuietLogging(builder.Logging);
        services?.Invoke(builder.Services);
        var node = builder.Build();
        node.MapCardActorsNode();
        await node.StartAsync();
        return node;
    }

    /// <summary>Runs <paramref name="measure"/> with a data directory of its own, deleted afterwards.</summary>
    public static async Task InTemporaryDirectoryAsync(string prefix, Func<string, Task> measure)
    {
        var data = Directory.CreateTempSubdirectory(prefix);
        try
        {
            await measure(data.FullName);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}

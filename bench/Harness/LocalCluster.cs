using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CardActors.Bench.Harness;

/// <summary>
/// One or more silos in this process, each a plain generic host with Orleans' localhost clustering
/// and real TCP on loopback: every silo has its own silo port (from the OS, so that other work on
/// the machine keeps its ports) and all name the first one as the primary silo. No gateway: the
/// bench calls grains through each silo's own <see cref="IGrainFactory"/>. Logs (Warning and above)
/// go to standard error, so that standard output stays Markdown.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private LocalCluster(List<IHost> hosts) => _hosts = hosts;

    public int Count => _hosts.Count;

    public IHost Host(int index) => _hosts[index];

    public IGrainFactory GrainFactory(int index) => _hosts[index].Services.GetRequiredService<IGrainFactory>();

    public string SiloAddress(int index) => _hosts[index].Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    public static async Task<LocalCluster> StartAsync(int silos, Action<ISiloBuilder>? configure = null)
    {
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var ports = FreePorts(silos);
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                QuietLogging(builder.Logging);
                var siloPort = ports[i];
                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort: 0, primarySiloEndpoint: primary, serviceId: "bench", clusterId: clusterId);
                    configure?.Invoke(silo);
                });
                var host = builder.Build();
                hosts.Add(host);
                await host.StartAsync();
            }
        }
        catch
        {
            await new LocalCluster(hosts).DisposeAsync();
            throw;
        }

        return new LocalCluster(hosts);
    }

    /// <summary>Warnings and errors only, to standard error.</summary>
    public static void QuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>Ports the OS hands out now; free until someone else takes them, which on loopback is rare enough for a benchmark.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Secondaries first, the primary last.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _hosts[i].StopAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                _hosts[i].Dispose();
            }
        }
    }
}

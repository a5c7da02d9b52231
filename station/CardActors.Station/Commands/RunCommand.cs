using CardActors.Grains;
using System.CommandLine;
using System.Net;
using CardActors.Station.Cluster;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace CardActors.Station.Commands;

/// <summary><c>station run</c>: personalizes the given jobs at one reader, taking them from the cluster (over HTTP, or as an Orleans cluster client) and reporting back to it.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var stationId = new Option<string>("--station-id") { Description = "This station's id (over HTTP: the API key's name).", Required = true };
        var reader = new Option<string>("--reader") { Description = "The PC/SC reader's name, as `station readers` shows it.", Required = true };
        var api = new Option<string?>("--api") { Description = "HTTP transport: the API's base URL, e.g. http://localhost:5080." };
        var apiKey = new Option<string>("--api-key") { Description = "HTTP transport: the station's API key (role station). Also read from CARDACTORS_STATION_API_KEY." };
        var gateway = new Option<string?>("--gateway") { Description = "Orleans transport: a silo's gateway, host:port (the embedded node's is 127.0.0.1:30000)." };
        var postgres = new Option<string?>("--cluster-postgres") { Description = "Orleans transport: the PostgreSQL connection string of a cluster, whose gateways are listed there. Also read from CARDACTORS_STATION_CLUSTER_POSTGRES." };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans transport: the cluster id.", DefaultValueFactory = _ => "cardactors" };
        var serviceId = new Option<string>("--service-id") { Description = "Orleans transport: the service id.", DefaultValueFactory = _ => "cardactors" };
        var jobIds = new Option<string[]>("--job") { Description = "A job id to personalize ({cardId}.{attempt}); repeat for several. Without it, a cluster client takes the jobs its line pushes, until Ctrl+C.", AllowMultipleArgumentsPerToken = true };
        var caFile = new Option<string?>("--ca-file") { Description = "Development only: certify the cards' keys with a CA of the station's own, kept in this PKCS#12 file (created when missing), instead of the cluster's CA." };
        var cardTimeout = new Option<TimeSpan>("--card-timeout") { Description = "How long to wait for a card.", CustomParser = Durations.Parse, DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var wipeTimeout = new Option<TimeSpan>("--wipe-timeout") { Description = "How long to wait for a pulled card to come back to be wiped.", CustomParser = Durations.Parse, DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var certificate = new Option<string?>("--certificate") { Description = $"Orleans transport: this station's certificate from the cluster's CA, PKCS#12 (.p12) or PEM; its password from {StationCredentials.PasswordVariable}. Needed by a cluster with TLS." };
        var certificateKey = new Option<string?>("--certificate-key") { Description = "Orleans transport: the PEM private key of --certificate, when it is not in the same file." };
        var clusterCaFile = new Option<string?>("--cluster-ca") { Description = "Orleans transport: the cluster CA's certificate (GET /ca/certificate), which the gateways must chain to. Needed with --certificate." };
        var connectTimeout = new Option<TimeSpan>("--connect-timeout") { Description = "How long to wait for a gateway at start, and for the cluster to come back when it restarts or fails over mid-run.", CustomParser = Durations.Parse, DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var verbose = new Option<bool>("--verbose") { Description = "Log each step (never secrets)." };
        var command = new Command("run", "Personalize production jobs at a reader.") { stationId, reader, api, apiKey, gateway, postgres, clusterId, serviceId, certificate, certificateKey, clusterCaFile, connectTimeout, jobIds, caFile, cardTimeout, wipeTimeout, verbose };
        command.SetAction(async (result, cancellationToken) =>
        {
            var station = result.GetValue(stationId)!;
            var postgresConnection = result.GetValue(postgres) ?? Environment.GetEnvironmentVariable("CARDACTORS_STATION_CLUSTER_POSTGRES");
            var orleans = result.GetValue(gateway) is not null || postgresConnection is not null;
            if (orleans == (result.GetValue(api) is not null))
            {
                AnsiConsole.MarkupLine("[red]Give one transport: --api (HTTP), or --gateway or --cluster-postgres (Orleans cluster client).[/]");
                return 2;
            }

            var ids = result.GetValue(jobIds) ?? [];
            if (ids.Length == 0 && !orleans)
            {
                AnsiConsole.MarkupLine("[red]Over HTTP give the jobs with --job; jobs are pushed only to a cluster client (--gateway or --cluster-postgres).[/]");
                return 2;
            }

            if (orleans && (result.GetValue(certificate) is null) != (result.GetValue(clusterCaFile) is null))
            {
                AnsiConsole.MarkupLine("[red]--certificate and --cluster-ca go together: the station's certificate, and the CA the gateways must chain to.[/]");
                return 2;
            }

            StationCredentials? credentials;
            try
            {
                credentials = orleans && result.GetValue(certificate) is { } certificatePath
                    ? StationCredentials.Load(certificatePath, result.GetValue(certificateKey), result.GetValue(clusterCaFile)!, station)
                    : null;
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException or IOException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }

            using var credentialsScope = credentials;
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await using var cluster = orleans ? await ConnectAsync(result, gateway, postgresConnection, clusterId, serviceId, verbose, credentials, result.GetValue(connectTimeout), cancellationToken) : null;
            if (orleans && cluster is null)
            {
                return 1;
            }

            IProductionJobClient jobs;
            ICertificateIssuer clusterCa;
            if (cluster is not null)
            {
                var client = new OrleansProductionJobClient(cluster.Client, station, result.GetValue(connectTimeout), pushed: ids.Length == 0);
                (jobs, clusterCa) = (client, client);
            }
            else
            {
                var key = result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CARDACTORS_STATION_API_KEY");
                if (string.IsNullOrEmpty(key))
                {
                    AnsiConsole.MarkupLine("[red]No API key: give --api-key or set CARDACTORS_STATION_API_KEY.[/]");
                    return 2;
                }

                if (!Uri.TryCreate(result.GetValue(api)!.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
                {
                    AnsiConsole.MarkupLine($"[red]--api must be an http(s) URL, not \"{Markup.Escape(result.GetValue(api)!)}\".[/]");
                    return 2;
                }

                http.BaseAddress = baseUri;
                var client = new HttpProductionJobClient(http, key, station);
                (jobs, clusterCa) = (client, client);
            }

            var path = result.GetValue(caFile);
            using var localCa = path is null ? null : InProcessCertificateAuthority.LoadOrCreate(path);
            if (localCa is not null)
            {
                AnsiConsole.MarkupLine("[yellow]Certificates come from the station's development CA, not the cluster's: the cluster cannot revoke them.[/]");
            }

            var personalizer = new Personalizer((ICertificateIssuer?)localCa ?? clusterCa, result.GetValue(verbose) ? logging.CreateLogger<Personalizer>() : NullLogger<Personalizer>.Instance);
            var options = new StationOptions(result.GetValue(reader)!, result.GetValue(cardTimeout), result.GetValue(wipeTimeout));
            var runner = new StationRunner(jobs, personalizer, options, new ConsoleStationObserver(AnsiConsole.Console));
            if (ids.Length == 0)
            {
                return await RunPushedAsync(runner, cluster!.Client, station, logging.CreateLogger<LineJobFeed>(), cancellationToken);
            }

            var reports = await runner.RunAsync(ids, cancellationToken);
            return reports.Count == ids.Length && reports.Values.All(r => r.Succeeded) ? 0 : 1;
        });
        return command;
    }

    /// <summary>Takes the jobs the station's line pushes until Ctrl+C; exit code 0 unless the station could not subscribe.</summary>
    private static async Task<int> RunPushedAsync(StationRunner runner, IClusterClient cluster, string stationId, ILogger<LineJobFeed> logger, CancellationToken cancellationToken)
    {
        await using var feed = new LineJobFeed(cluster, stationId, logger);
        try
        {
            await feed.StartAsync();
        }
        catch (DomainException e)
        {
            AnsiConsole.MarkupLine($"[red]Station {Markup.Escape(stationId)} cannot take jobs: {Markup.Escape(e.Code)}: {Markup.Escape(e.Message)}[/]");
            return 1;
        }

        AnsiConsole.MarkupLine($"Station {Markup.Escape(stationId)} is online; its line pushes its jobs (Ctrl+C stops).");
        var (done, failed) = await runner.RunAsync(feed.JobIdsAsync(cancellationToken), cancellationToken);
        AnsiConsole.MarkupLine($"{done} done, {failed} failed");
        return 0;
    }

    /// <summary>The cluster client, or null after one line saying why it could not connect.</summary>
    private static async Task<StationClusterClient?> ConnectAsync(ParseResult result, Option<string?> gateway, string? postgres, Option<string> clusterId, Option<string> serviceId, Option<bool> verbose, StationCredentials? credentials, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        IPEndPoint? endpoint = null;
        if (postgres is null && !IPEndPoint.TryParse(result.GetValue(gateway)!, out endpoint))
        {
            AnsiConsole.MarkupLine($"[red]--gateway must be address:port, e.g. 127.0.0.1:30000, not \"{Markup.Escape(result.GetValue(gateway)!)}\".[/]");
            return null;
        }

        try
        {
            return await StationClusterClient.ConnectAsync(endpoint, postgres, result.GetValue(clusterId)!, result.GetValue(serviceId)!,
                result.GetValue(verbose) ? LogLevel.Information : LogLevel.Error, cancellationToken, credentials, connectTimeout);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            AnsiConsole.MarkupLine($"[red]Cannot connect to the cluster ({Markup.Escape(postgres is null ? endpoint!.ToString() : "PostgreSQL membership")}): {Markup.Escape(e.Message)}[/]");
            return null;
        }
    }
}

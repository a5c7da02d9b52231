using System.CommandLine;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace CardActors.Station.Commands;

/// <summary><c>station run</c>: personalizes the given jobs at one reader, taking them from the API and reporting back to it.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var stationId = new Option<string>("--station-id") { Description = "This station's id (the API key's name).", Required = true };
        var reader = new Option<string>("--reader") { Description = "The PC/SC reader's name, as `station readers` shows it.", Required = true };
        var api = new Option<string>("--api") { Description = "The API's base URL, e.g. http://localhost:5080.", Required = true };
        var apiKey = new Option<string>("--api-key") { Description = "The station's API key (role station). Also read from CARDACTORS_STATION_API_KEY." };
        var jobIds = new Option<string[]>("--job") { Description = "A job id to personalize ({cardId}.{attempt}); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var caFile = new Option<string?>("--ca-file") { Description = "A PKCS#12 file with the development CA that certifies the cards' keys (created when missing). Without it a throwaway CA is used." };
        var cardTimeout = new Option<TimeSpan>("--card-timeout") { Description = "How long to wait for a card.", CustomParser = Durations.Parse, DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var wipeTimeout = new Option<TimeSpan>("--wipe-timeout") { Description = "How long to wait for a pulled card to come back to be wiped.", CustomParser = Durations.Parse, DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var verbose = new Option<bool>("--verbose") { Description = "Log each step (never secrets)." };
        var command = new Command("run", "Personalize production jobs at a reader.") { stationId, reader, api, apiKey, jobIds, caFile, cardTimeout, wipeTimeout, verbose };
        command.SetAction(async (result, cancellationToken) =>
        {
            var key = result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CARDACTORS_STATION_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                AnsiConsole.MarkupLine("[red]No API key: give --api-key or set CARDACTORS_STATION_API_KEY.[/]");
                return 2;
            }

            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning));
            var path = result.GetValue(caFile);
            if (path is null)
            {
                AnsiConsole.MarkupLine("[yellow]Using a throwaway development CA: certificates will not chain to anything that lasts (give --ca-file to keep one).[/]");
            }

            using var ca = path is null ? InProcessCertificateAuthority.Create() : InProcessCertificateAuthority.LoadOrCreate(path);
            if (!Uri.TryCreate(result.GetValue(api)!.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                AnsiConsole.MarkupLine($"[red]--api must be an http(s) URL, not \"{Markup.Escape(result.GetValue(api)!)}\".[/]");
                return 2;
            }

            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            var jobs = new HttpProductionJobClient(http, key, result.GetValue(stationId));
            var personalizer = new Personalizer(ca, result.GetValue(verbose) ? logging.CreateLogger<Personalizer>() : NullLogger<Personalizer>.Instance);
            var options = new StationOptions(result.GetValue(reader)!, result.GetValue(cardTimeout), result.GetValue(wipeTimeout));
            var ids = result.GetValue(jobIds)!;
            var reports = await new StationRunner(jobs, personalizer, options, new ConsoleStationObserver(AnsiConsole.Console)).RunAsync(ids, cancellationToken);
            return reports.Count == ids.Length && reports.Values.All(r => r.Succeeded) ? 0 : 1;
        });
        return command;
    }
}

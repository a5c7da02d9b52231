using System.CommandLine;
using CardActors.Station.PcSc;
using CardActors.Station.Unblock;
using Spectre.Console;

namespace CardActors.Station.Commands;

/// <summary>
/// <c>station unblock</c>: resets a card's PIN with the PUK the cluster keeps (operator key). The new
/// PIN is typed here by the cardholder (twice, hidden), or read from standard input with
/// <c>--pin-stdin</c> for scripts; it is never sent anywhere but to the card, and never printed.
/// </summary>
internal static class UnblockCommand
{
    public static Command Create()
    {
        var cardId = new Option<string>("--card-id") { Description = "The card's id in the cluster.", Required = true };
        var reader = new Option<string>("--reader") { Description = "The PC/SC reader's name, as `station readers` shows it.", Required = true };
        var api = new Option<string>("--api") { Description = "The API's base URL, e.g. http://localhost:5080.", Required = true };
        var apiKey = new Option<string>("--api-key") { Description = "An operator's API key. Also read from CARDACTORS_API_KEY." };
        var pinStdin = new Option<bool>("--pin-stdin") { Description = "Read the new PIN from the first line of standard input instead of asking for it." };
        var cardTimeout = new Option<TimeSpan>("--card-timeout") { Description = "How long to wait for the card.", CustomParser = Durations.Parse, DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var command = new Command("unblock", "Reset a blocked PIN on the card, with the PUK the cluster keeps.") { cardId, reader, api, apiKey, pinStdin, cardTimeout };
        command.SetAction(async (result, cancellationToken) =>
        {
            var key = result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CARDACTORS_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                AnsiConsole.MarkupLine("[red]No API key: give --api-key or set CARDACTORS_API_KEY.[/]");
                return 2;
            }

            if (!Uri.TryCreate(result.GetValue(api)!.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                AnsiConsole.MarkupLine($"[red]--api must be an http(s) URL, not \"{Markup.Escape(result.GetValue(api)!)}\".[/]");
                return 2;
            }

            var id = result.GetValue(cardId)!;
            var readerName = result.GetValue(reader)!;
            var pin = result.GetValue(pinStdin) ? Console.In.ReadLine()?.Trim() ?? "" : AskPin();
            if (pin is null)
            {
                AnsiConsole.MarkupLine("[red]The two PINs differ; nothing was done.[/]");
                return 2;
            }

            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                using var context = PcScContext.Establish();
                AnsiConsole.MarkupLine($"waiting for card {Markup.Escape(id)} in {Markup.Escape(readerName)}");
                using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timer.CancelAfter(result.GetValue(cardTimeout));
                    await Task.Run(() => context.WaitForCard(readerName, timer.Token), CancellationToken.None);
                }

                using var card = context.Connect(readerName);
                int triesBefore;
                using (card.BeginTransaction())
                {
                    triesBefore = await new PinUnblocker(new HttpPinUnblockClient(http, key)).RunAsync(card, id, pin, cancellationToken);
                }

                // Reset: nothing verified stays verified for the next client.
                card.Disconnect(CardDisposition.Reset);
                AnsiConsole.MarkupLine($"[green]✓[/] PIN of card {Markup.Escape(id)} reset ({(triesBefore == 0 ? "it was blocked" : $"{triesBefore} tries were left")}), new PUK set and confirmed");
                return 0;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine($"[red]no card in reader \"{Markup.Escape(readerName)}\" within {result.GetValue(cardTimeout).TotalSeconds:0} s[/]");
            }
            catch (Exception e) when (e is PinUnblockException or PcScException)
            {
                AnsiConsole.MarkupLine($"[red]unblock failed: {Markup.Escape(e.Message)}[/]");
            }

            return 1;
        });
        return command;
    }

    /// <summary>The new PIN, typed twice without echo; null when the two differ.</summary>
    private static string? AskPin()
    {
        var first = AnsiConsole.Prompt(new TextPrompt<string>("New PIN (6–8 digits), typed by the cardholder:").Secret());
        var second = AnsiConsole.Prompt(new TextPrompt<string>("The same PIN again:").Secret());
        return first == second ? first : null;
    }
}

using System.CommandLine;
using CardActors.Station.Iso7816;
using CardActors.Station.PcSc;
using CardActors.Station.Piv;
using Spectre.Console;

namespace CardActors.Station.Commands;

/// <summary><c>station readers</c>: each reader, whether a card is in it, its ATR, and whether it answers as a PIV card.</summary>
internal static class ReadersCommand
{
    public static Command Create()
    {
        var command = new Command("readers", "List the PC/SC readers and the cards in them.");
        command.SetAction(_ =>
        {
            try
            {
                using var context = PcScContext.Establish();
                var readers = context.ListReaders();
                if (readers.Count == 0)
                {
                    AnsiConsole.MarkupLine("[yellow]No card reader is connected.[/]");
                    return 0;
                }

                var table = new Table().AddColumns("Reader", "Card", "ATR", "PIV");
                foreach (var reader in readers)
                {
                    var status = context.GetStatus(reader);
                    if (!status.CardPresent)
                    {
                        table.AddRow(Markup.Escape(reader), "none", "", "");
                        continue;
                    }

                    table.AddRow(Markup.Escape(reader), "present", Convert.ToHexString(status.Atr), Markup.Escape(ProbePiv(context, reader)));
                }

                AnsiConsole.Write(table);
                return 0;
            }
            catch (PcScException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return command;
    }

    private static string ProbePiv(PcScContext context, string reader)
    {
        try
        {
            using var card = context.Connect(reader);
            var piv = new PivClient(card);
            piv.Select();
            return piv.GetSerial() is { } serial ? $"yes, serial {serial}" : "yes";
        }
        catch (CardCommandException)
        {
            return "no";
        }
        catch (PcScException e)
        {
            return $"? ({e.Message})";
        }
    }
}

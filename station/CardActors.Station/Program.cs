using System.CommandLine;
using CardActors.Station.Commands;
using Spectre.Console;

namespace CardActors.Station;

internal static class Program
{
    private const int RedirectedWidth = 4096;

    public static async Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // A log file or a service manager's journal: one event, one line. Spectre would wrap at
            // 80 columns when it has no terminal, splitting job ids from what happened to them.
            AnsiConsole.Profile.Width = RedirectedWidth;
        }

        var root = new RootCommand("CardActors production station: personalizes PIV cards in a PC/SC reader for production jobs.");
        root.Subcommands.Add(ReadersCommand.Create());
        root.Subcommands.Add(VirtualCardCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(UnblockCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}

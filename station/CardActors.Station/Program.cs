using System.CommandLine;
using CardActors.Station.Commands;

namespace CardActors.Station;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("CardActors production station: personalizes PIV cards in a PC/SC reader for production jobs.");
        root.Subcommands.Add(ReadersCommand.Create());
        root.Subcommands.Add(VirtualCardCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(UnblockCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}

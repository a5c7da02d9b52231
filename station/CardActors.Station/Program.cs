using System.CommandLine;
using System.Runtime.InteropServices;
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

        // Ctrl+C and SIGTERM (how a service manager stops a station) cancel the command's token, so a
        // station stops waiting, says what it did and leaves the cluster (a job it was making is left
        // for its lease to lapse, as when it dies). System.CommandLine's own handling is off: it did
        // not see SIGTERM here, so the runtime ended the process on the spot. A second signal ends the
        // process at once (a station stuck in a PC/SC call).
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        }
    }
}

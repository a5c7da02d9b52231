namespace CardActors.Station.Commands; internal static class RunCommand { public static System.CommandLine.Command Create() => new("run", "todo"); }

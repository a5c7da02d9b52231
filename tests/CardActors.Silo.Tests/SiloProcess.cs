using System.Diagnostics;

namespace CardActors.Silo.Tests;

/// <summary>Runs the real silo executable, as `dotnet run --project silo` would, with extra environment.</summary>
internal static class SiloProcess
{
    public static async Task<(int ExitCode, string StandardError)> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan timeout)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("cardactors-silo-").FullName;
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo did not exit within {timeout}: it started despite the configuration.");
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }

        return (process.ExitCode, await standardError);
    }
}

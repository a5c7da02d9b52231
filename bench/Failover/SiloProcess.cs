using System.Diagnostics;
using System.Globalization;
using CardActors.Bench.Harness;

namespace CardActors.Bench.Failover;

/// <summary>A silo in a process of its own (this program, started with <see cref="FailoverSilo.Argument"/>), which the suite can kill.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The silo address as <see cref="SiloAddress.ToString"/> prints it.</summary>
    public string Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<SiloProcess> StartAsync(string clusterId, TimeSpan timeout)
    {
        var ports = LocalCluster.FreePorts(2);
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Under "dotnet run" the process is the app host; under "dotnet x.dll", dotnet itself.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SiloProcess).Assembly.Location);
        }

        start.ArgumentList.Add(FailoverSilo.Argument);
        start.ArgumentList.Add(ports[0].ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(ports[1].ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(clusterId);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        var errors = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    errors.Enqueue(line);
                    while (errors.Count > 20)
                    {
                        errors.Dequeue();
                    }
                }
            }
        };
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    return new SiloProcess(process, line["ready ".Length..]);
                }
            }

            throw new InvalidOperationException("The silo process ended before it was ready.");
        }
        catch (Exception exception)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(CancellationToken.None);
            string tail;
            lock (errors)
            {
                tail = string.Join(Environment.NewLine, errors);
            }

            process.Dispose();
            throw new InvalidOperationException($"The silo process did not get ready: {exception.Message}{Environment.NewLine}{tail}", exception);
        }
    }

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Closes its standard input: the silo stops gracefully (deactivates its grains, leaves the membership table).</summary>
    public void StopGracefully() => _process.StandardInput.Close();

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

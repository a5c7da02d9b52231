using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace CardActors.Tests.Support;

/// <summary>
/// A program of the repository running as its own process (<c>dotnet CardActors.Silo.dll</c>, the
/// API host, the station), from the output folder of its project in the test assembly's
/// configuration. Keeps the lines it printed and lets a test wait for one; killed (with its
/// children) on dispose and when the test process exits, so that nothing is left behind.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private static readonly ConcurrentDictionary<NodeProcess, bool> Running = new();

    /// <summary>Every line printed (stdout and stderr), for <see cref="WaitForLineAsync"/> and <see cref="Tail"/>: a few thousand at most in a test.</summary>
    private readonly List<string> _printed = [];
    private readonly ConcurrentDictionary<string, int> _exceptions = new(StringComparer.Ordinal);
    private readonly Process _process;
    private readonly string _workingDirectory;

    static NodeProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var node in Running.Keys)
            {
                node.Dispose();
            }
        };
    }

    private NodeProcess(string name, Process process, string workingDirectory, int httpPort)
    {
        Name = name;
        _process = process;
        _workingDirectory = workingDirectory;
        HttpPort = httpPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public string Name { get; }

    public int HttpPort { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static string SiloDll => Locate("silo", "CardActors.Silo.dll");

    public static string ApiHostDll => Locate(Path.Combine("apihost", "CardActors.ApiHost"), "CardActors.ApiHost.dll");

    public static string StationDll => Locate(Path.Combine("station", "CardActors.Station"), "station.dll");

    /// <summary>Starts <paramref name="dll"/> with <paramref name="environment"/> (settings as environment variables, <c>__</c> for <c>:</c>), serving HTTP on <paramref name="httpPort"/>.</summary>
    public static NodeProcess Start(string name, string dll, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        var node = Create(name, dll, httpPort, [], environment);
        node._process.StartInfo.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        return node.Run();
    }

    /// <summary>Starts a command-line program (<c>dotnet station.dll run …</c>) with <paramref name="arguments"/>; it serves no HTTP.</summary>
    public static NodeProcess Start(string name, string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
        => Create(name, dll, 0, arguments, environment ?? new Dictionary<string, string>()).Run();

    private static NodeProcess Create(string name, string dll, int httpPort, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory($"cardactors-{name}-").FullName;
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, workingDirectory, httpPort);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        return node;
    }

    private NodeProcess Run()
    {
        _process.Start();
        Running[this] = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return this;
    }

    /// <summary>
    /// Waits for the first line at or after position <paramref name="from"/> (0: the first line the
    /// process printed) that <paramref name="match"/> accepts, and returns it with its position; fails
    /// early, with the process's output, when the process exits first.
    /// </summary>
    public async Task<(string Line, int Position)> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, int from = 0, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        var next = from;
        while (true)
        {
            var exited = _process.HasExited;
            if (exited)
            {
                // Its last lines may still be in the pipes: this returns once they were read.
                await _process.WaitForExitAsync(cancellationToken);
            }

            lock (_printed)
            {
                for (; next < _printed.Count; next++)
                {
                    if (match(_printed[next]))
                    {
                        return (_printed[next], next);
                    }
                }
            }

            if (exited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before the line awaited:\n{Tail(40)}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} printed no such line within {timeout.TotalSeconds:F0} s:\n{Tail(40)}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// SIGTERM, as a service manager stops a program: it ends the way it does on Ctrl+C. (SIGINT itself
    /// would not do: a shell starts a background job with SIGINT ignored, and its children inherit that.)
    /// Waits until the program exited and returns its exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until <c>/health</c> answers 200; fails early, with the process's output, when it exits.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy:\n{Tail(40)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds:F0} s:\n{Tail(40)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Whether <c>/health</c> answers 200 now (false while it does not listen).</summary>
    public async Task<bool> IsHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9: the process ends at once, without any shutdown of its own.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines)
    {
        lock (_printed)
        {
            return string.Join('\n', _printed.TakeLast(lines));
        }
    }

    /// <summary>The exceptions the process logged (first line of each: type and message start), with counts.</summary>
    public string ExceptionSummary(int top)
        => string.Join('\n', _exceptions.OrderByDescending(e => e.Value).Take(top).Select(e => $"  {e.Value} × {e.Key}"));

    public void Dispose()
    {
        Running.TryRemove(this, out _);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or gone already.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_printed)
        {
            _printed.Add(line);
        }

        var trimmed = line.TrimStart();
        if (System.Text.RegularExpressions.Regex.IsMatch(trimmed, @"^[A-Za-z][\w.]*Exception(\s|:|$)"))
        {
            _exceptions.AddOrUpdate(trimmed.Length > 160 ? trimmed[..160] : trimmed, 1, (_, n) => n + 1);
        }
    }

    /// <summary>
    /// The DLL in the output folder of a project of the repository, built in the same configuration
    /// and for the same target framework as this test assembly (bin/&lt;configuration&gt;/&lt;tfm&gt;).
    /// </summary>
    private static string Locate(string projectFolder, string dll)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = typeof(NodeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CardActors.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No CardActors.sln above {AppContext.BaseDirectory}.");
        }

        var path = Path.Combine(root.FullName, projectFolder, "bin", configuration, framework, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built for {configuration} (dotnet build -c {configuration}).", path);
    }
}

using CardActors.Api;
using CardActors.Api.Dashboard;
using CardActors.Api.Hosting;
using CardActors.Grains.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace CardActors.Silo;

/// <summary>
/// Builds the web application that hosts one silo. Kept apart from Program so that tests and
/// other hosts (the embedded API) build exactly the same node.
/// </summary>
public static class SiloHost
{
    /// <summary>Reads and checks the storage settings; throws <see cref="OptionsValidationException"/> naming each bad setting.</summary>
    public static StorageOptions ReadStorageOptions(IConfiguration configuration)
        => Read<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate());

    /// <summary>Reads and checks the cluster settings against the storage they need.</summary>
    public static ClusterSettings ReadClusterSettings(IConfiguration configuration, StorageOptions storage)
        => Read<ClusterSettings>(configuration, ClusterSettings.SectionName, o => o.Validate(storage.ParsedProvider));

    private static TOptions Read<TOptions>(IConfiguration configuration, string section, Func<TOptions, IEnumerable<string>> validate) where TOptions : new()
    {
        TOptions options;
        try
        {
            options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the setting and the value it could not convert.
            throw new OptionsValidationException(section, typeof(TOptions), [exception.Message]);
        }

        var failures = validate(options).ToList();
        return failures.Count == 0 ? options : throw new OptionsValidationException(section, typeof(TOptions), failures);
    }

    /// <summary>Adds the silo, its storage and its health check to the application.</summary>
    /// <param name="configureSilo">Further silo set-up, given the storage settings the silo uses.</param>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder, Action<ISiloBuilder, StorageOptions>? configureSilo = null)
    {
        var storage = ReadStorageOptions(builder.Configuration);
        var cluster = ReadClusterSettings(builder.Configuration, storage);
        UseJsonLogs(builder);
        builder.Services.AddSingleton(storage);
        builder.UseOrleans(silo =>
        {
            silo.UseCardActorsCluster(cluster, storage);
            silo.UseCardActorsStorage(storage, cluster);
            // Every silo collects the dashboard's figures, so that an API host (a client) can show them too.
            silo.AddDashboard();
            configureSilo?.Invoke(silo, storage);
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }

    /// <summary>Structured console logs unless <c>CardActors:Logging:Json</c> is false.</summary>
    public static void UseJsonLogs(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("CardActors:Logging:Json", defaultValue: true))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }

    /// <summary>
    /// One whole node: the silo with the domain's grains and the HTTP API in the same process. The
    /// embedded default (<c>silo</c>) and the API host (<c>apihost/CardActors.ApiHost</c>) are both
    /// built by this, so they serve the same endpoints over the same grains.
    /// </summary>
    public static WebApplicationBuilder AddCardActorsNode(this WebApplicationBuilder builder)
    {
        builder.AddSilo(AddDomain);
        builder.Services.AddCardActorsApi(builder.Configuration);
        builder.Services.AddCardActorsDashboardSignIn();
        return builder;
    }

    /// <summary>
    /// The domain's audit and search tables go into the grain storage's database, so that one file
    /// (or one PostgreSQL database) holds everything; the key that encrypts PUKs is generated into
    /// the data directory unless <c>CardActors:Domain:SecretKey</c> or <c>SecretKeyFile</c> is set.
    /// </summary>
    private static void AddDomain(ISiloBuilder silo, StorageOptions storage) => silo.AddCardActorsDomain(domain =>
    {
        domain.DatabaseProvider = storage.DomainProvider;
        domain.ConnectionString ??= storage.ResolveConnectionString();

        if (string.IsNullOrWhiteSpace(domain.SecretKey))
        {
            domain.SecretKeyFile ??= Path.GetFullPath(Path.Combine(storage.DataDirectory, "secret.key"));
        }
    });

    public static WebApplication MapCardActorsNode(this WebApplication app)
    {
        app.MapSiloEndpoints();
        app.MapCardActorsApi();
        app.MapCardActorsDashboard();
        return app;
    }

    /// <summary>
    /// The entry point of a node: <c>--seed-demo</c> seeds demo data and API keys once the node runs
    /// (printing new keys once), then keeps serving. A bad setting ends start-up with one line that
    /// names it (exit code 2) rather than a stack trace.
    /// </summary>
    public static Task<int> RunNodeAsync(string[] args)
        => RunAsync(args, builder => builder.AddCardActorsNode(), app => app.MapCardActorsNode());

    /// <summary>Runs a web application built by <paramref name="add"/> and <paramref name="map"/>: a node, or the API host.</summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var seedDemo = args.Contains(SeedDemoArgument, StringComparer.Ordinal);
        try
        {
            var builder = CreateBuilder(args.Where(a => a != SeedDemoArgument).ToArray());
            add(builder);
            await using var app = builder.Build();
            map(app);
            if (!seedDemo)
            {
                await app.RunAsync();
                return 0;
            }

            await app.StartAsync();
            var report = await app.Services.GetRequiredService<DemoApiKeys>().SeedAsync(app.Lifetime.ApplicationStopping);
            // Standard error, apart from the JSON logs on standard output, so the keys are not lost among them.
            await Console.Error.WriteAsync(DemoSeedText(report, app.Urls));
            await Console.Error.FlushAsync();
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            // One line that names the setting, rather than a stack trace.
            await Console.Error.WriteLineAsync($"CardActors cannot start: {string.Join(" ", exception.Failures)}");
            return 2;
        }
    }

    public const string SeedDemoArgument = "--seed-demo";

    /// <summary>
    /// Settings are read once, at start: nothing watches appsettings.json for changes. The watcher
    /// covers the content root and every folder below it, and a node whose data directory is there
    /// (a program started from its own folder, or the bench) woke it with every write to the SQLite
    /// file's WAL: 13 % of the CPU of a request card in the http bench. Given first, so a later
    /// argument can still turn watching back on.
    /// </summary>
    public const string NoConfigWatchArgument = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// The web application builder of a node. Its default settings (appsettings.json) are found next
    /// to the program, wherever it is started from: the content root is the program's folder unless
    /// one is given (--contentRoot, as tests do). Relative paths in settings (the data directory) stay
    /// relative to the working directory. Request logs default to Warning even without the file:
    /// ASP.NET Core logs six lines per request at Information.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var contentRootGiven = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [NoConfigWatchArgument, .. args],
            ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory,
        });

        // Below every other source, so appsettings.json, the environment and the command line still win.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        return builder;
    }

    /// <summary>The variable the README's examples use for a demo key of <paramref name="role"/>.</summary>
    private static string ShellName(string role) => role switch
    {
        "operator" => "OP",
        "approver" => "AP",
        "station" => "ST",
        "auditor" => "AU",
        _ => role.ToUpperInvariant(),
    };

    /// <summary>What <c>--seed-demo</c> prints: a plain-text block on standard error, apart from the JSON logs on standard output, so the keys are easy to find and copy.</summary>
    public static string DemoSeedText(DemoSeedReport report, IEnumerable<string> urls)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine("==== CardActors demo data ====");
        text.AppendLine($"users:      {string.Join(", ", report.Domain.UserIds)}");
        text.AppendLine($"card types: {string.Join(", ", report.Domain.CardTypes)} (configuration version {report.Domain.ConfigVersion})");
        if (report.CreatedKeys.Count > 0)
        {
            text.AppendLine("API keys (shown this once; only their SHA-256 is stored: copy them now):");
            foreach (var key in report.CreatedKeys)
            {
                text.AppendLine($"  {key.Role,-9} {key.Name,-14} {key.Key}");
            }

            text.AppendLine("In a shell:");
            text.AppendLine("  " + string.Join("; ", report.CreatedKeys.Select(k => $"{ShellName(k.Role)}={k.Key}")));
        }

        if (report.ExistingKeys.Count > 0)
        {
            text.AppendLine($"API keys that exist already and are not shown again: {string.Join(", ", report.ExistingKeys)}");
        }

        text.AppendLine($"API: {string.Join(", ", urls)} (browse /swagger)");
        text.AppendLine("==============================");
        return text.ToString();
    }
}

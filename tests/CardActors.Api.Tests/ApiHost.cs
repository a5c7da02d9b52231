using System.Net.Http.Json;
using CardActors.Api.Security;
using CardActors.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CardActors.Api.Tests;

/// <summary>
/// The embedded default (the silo's Program, with its API) on a real SQLite file in a temp folder,
/// or on a fresh PostgreSQL database, configured with <see cref="TestKeys"/> and with the use cases
/// the tests need enabled through the API itself: card type "employee" requests need approval,
/// "contractor" requests do not, "direct" has Request card disabled (so its cards are issued straight to users).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string CallbackSecret = "test-producer-secret";

    private readonly DirectoryInfo _dataDirectory;
    private readonly string? _postgres;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;
    private WebApplicationFactory<Program> _factory;

    private readonly int _gatewayPort;

    private ApiHost(DirectoryInfo dataDirectory, string? postgres, IReadOnlyDictionary<string, string?>? settings, Action<IWebHostBuilder>? configure, int gatewayPort = 0)
    {
        _dataDirectory = dataDirectory;
        _postgres = postgres;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _configure = configure;
        _gatewayPort = gatewayPort;
        _factory = Create();
    }

    public IServiceProvider Services => _factory.Services;

    public static async Task<ApiHost> StartSqliteAsync(IReadOnlyDictionary<string, string?>? settings = null) => await StartAsync(null, settings);

    /// <summary>On SQLite, with further set-up of the node (settings, services) after the usual one.</summary>
    public static async Task<ApiHost> StartSqliteAsync(Action<IWebHostBuilder> configure) => await StartAsync(null, null, configure);

    public static async Task<ApiHost> StartPostgresAsync() => await StartAsync(await TestDatabases.NewPostgresDatabaseAsync());

    /// <summary>A node whose loopback gateway is open on <see cref="GatewayPort"/>, for cluster clients (stations).</summary>
    public static async Task<ApiHost> StartWithGatewayAsync() => await StartAsync(null, gatewayPort: FreePorts.Next());

    public int GatewayPort => _gatewayPort;

    private static async Task<ApiHost> StartAsync(string? postgres, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null, int gatewayPort = 0)
    {
        var host = new ApiHost(Directory.CreateTempSubdirectory("cardactors-api-"), postgres, settings, configure, gatewayPort);
        await host.ConfigureDomainAsync();
        return host;
    }

    public HttpClient Client(string? key = null)
    {
        var client = _factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        }

        return client;
    }

    /// <summary>A client that acts like a browser: keeps cookies, and shows redirects instead of following them.</summary>
    public HttpClient BrowserClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Whether any stored grain state (of any grain type) holds <paramref name="text"/>: for secrets that must never be stored in clear. SQLite only.</summary>
    public async Task<bool> StoredStateContainsAsync(string text)
    {
        if (_postgres is not null)
        {
            throw new InvalidOperationException("Reads the SQLite file only.");
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory.FullName, "cardactors.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cardactors_grain_state WHERE instr(CAST(payload AS TEXT), $text) > 0";
        command.Parameters.AddWithValue("$text", text);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>How many rows of grain state of <paramref name="grainType"/> hold a state (a cleared state leaves a row without one). SQLite only.</summary>
    public async Task<long> StoredStatesAsync(string grainType)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory.FullName, "cardactors.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cardactors_grain_state WHERE grain_type = $type AND payload IS NOT NULL";
        command.Parameters.AddWithValue("$type", grainType);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Stops the node and starts it again on the same database: what survives is what was stored.</summary>
    public async Task RestartAsync()
    {
        await _factory.DisposeAsync();
        _factory = Create();
        _ = _factory.Server;
    }

    /// <summary>Stops the node and starts it again on the same database with <paramref name="settings"/> added (e.g. TLS on).</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (name, value) in settings)
        {
            _settings[name] = value;
        }

        await RestartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection: the temp folder is cleaned by the OS.
        }
    }

    private WebApplicationFactory<Program> Create() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseSetting("CardActors:Storage:DataDirectory", _dataDirectory.FullName);
        web.UseSetting("CardActors:Cluster:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("CardActors:Cluster:GatewayPort", _gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_postgres is not null)
        {
            web.UseSetting("CardActors:Storage:Provider", "PostgreSql");
            web.UseSetting("CardActors:Storage:ConnectionString", _postgres);
        }

        web.UseSetting("CardActors:Logging:Json", "false");
        web.UseSetting("Logging:LogLevel:Default", "Warning");
        web.UseSetting("CardActors:Domain:ExternalProduction:CallbackSecret", CallbackSecret);
        // The tests play the producer: the simulated one must not report anything by itself meanwhile.
        web.UseSetting("CardActors:Domain:ExternalProduction:SimulatedInProductionDelay", "01:00:00");
        web.UseSetting("CardActors:Domain:ExternalProduction:SimulatedProducedDelay", "01:00:00");
        web.UseSetting("CardActors:Domain:ExternalProduction:DispatchInterval", "01:00:00");
        foreach (var (name, value) in TestKeys.Settings().Concat(_settings))
        {
            web.UseSetting(name, value);
        }

        _configure?.Invoke(web);
    });

    private async Task ConfigureDomainAsync()
    {
        using var admin = Client(TestKeys.Admin);
        await Ok(admin.PutAsJsonAsync("/configuration/card-types/contractor", new { kind = "permanent" }));
        await Ok(admin.PutAsJsonAsync("/configuration/card-types/direct", new { kind = "permanent" }));
        var all = await admin.GetFromJsonAsync<Dictionary<string, string[]>>("/configuration/use-cases")
            ?? throw new InvalidOperationException("GET /configuration/use-cases answered nothing.");
        foreach (var (cardType, kind) in new[] { ("employee", "permanent"), ("contractor", "permanent"), ("temporary", "temporary") })
        {
            await Ok(admin.PostAsJsonAsync($"/configuration/card-types/{cardType}/enabled-use-cases", new { useCases = all[kind] }));
        }

        await Ok(admin.PostAsJsonAsync("/configuration/card-types/direct/enabled-use-cases", new { useCases = all["permanent"].Where(u => u != "CardsProcRequest") }));
        await Ok(admin.PutAsJsonAsync("/configuration/card-types/employee/use-cases/CardsProcRequest", new { enabled = true, options = new { approvalStep = true } }));
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

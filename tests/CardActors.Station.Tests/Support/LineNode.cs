using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CardActors.Api.Security;
using CardActors.Tests.Support;

namespace CardActors.Station.Tests.Support;

/// <summary>
/// The embedded node as its own process (<c>dotnet CardActors.Silo.dll</c>, SQLite in its working
/// folder) with its loopback gateway open for stations, one API key with the roles a line's tests
/// need, and the station leases given; plus what a test does over HTTP to run a line: a card type,
/// approved cards, stations registered, a batch.
/// </summary>
internal sealed class LineNode : IDisposable
{
    public const string CardType = "line-card";
    private const string Key = "line-test-key-0123456789";

    /// <summary>Start-up on a busy 2-core machine: generous, it only stops a hang.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly HttpClient http;

    private LineNode(NodeProcess silo, int gatewayPort)
    {
        Silo = silo;
        GatewayPort = gatewayPort;
        http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, Key);
    }

    public NodeProcess Silo { get; }

    public int GatewayPort { get; }

    /// <summary>Starts the node with <c>CardActors:Domain:Stations</c> <paramref name="stations"/> (e.g. <c>JobLease</c>) and defines <see cref="CardType"/>.</summary>
    public static async Task<LineNode> StartAsync(IReadOnlyDictionary<string, string>? stations = null)
    {
        var gatewayPort = FreePorts.Next();
        var settings = new Dictionary<string, string>
        {
            ["CardActors__Cluster__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["CardActors__Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["CardActors__Logging__Json"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["CardActors__Api__Keys__0__Name"] = "line-test",
            ["CardActors__Api__Keys__0__Sha256"] = ApiKeyHash.Compute(Key),
            ["CardActors__Api__Keys__0__Roles__0"] = ApiRoles.Admin,
            ["CardActors__Api__Keys__0__Roles__1"] = ApiRoles.Operator,
            ["CardActors__Api__Keys__0__Roles__2"] = ApiRoles.Ops,
            ["CardActors__Api__Keys__0__Roles__3"] = ApiRoles.Auditor,
        };
        foreach (var (name, value) in stations ?? new Dictionary<string, string>())
        {
            settings[$"CardActors__Domain__Stations__{name}"] = value;
        }

        var node = new LineNode(NodeProcess.Start("silo", NodeProcess.SiloDll, FreePorts.Next(), settings), gatewayPort);
        try
        {
            await node.Silo.WaitHealthyAsync(StartTimeout);
            await node.PutAsync($"/configuration/card-types/{CardType}", new { kind = "permanent" });
            var useCases = await node.GetAsync("/configuration/use-cases");
            await node.PostAsync($"/configuration/card-types/{CardType}/enabled-use-cases", new { useCases = useCases.GetProperty("permanent") });
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>Registers a station of <see cref="CardType"/> on <paramref name="lineId"/> at <paramref name="reader"/>.</summary>
    public Task RegisterStationAsync(string stationId, string lineId, string reader)
        => PutAsync($"/stations/{stationId}", new { lineId, reader, cardTypes = new[] { CardType }, profiles = new[] { "PIV" } });

    /// <summary>
    /// <c>station run</c> in push mode as its own process, a cluster client of the node's loopback
    /// gateway, at <paramref name="reader"/>; returns once the station says it is online.
    /// </summary>
    public async Task<NodeProcess> StartStationAsync(string stationId, string reader)
    {
        var station = NodeProcess.Start(stationId, NodeProcess.StationDll,
            ["run", "--station-id", stationId, "--reader", reader, "--gateway", $"127.0.0.1:{GatewayPort}"]);
        try
        {
            await station.WaitForLineAsync(l => l.Contains(" is online", StringComparison.Ordinal), StartTimeout);
            return station;
        }
        catch
        {
            station.Dispose();
            throw;
        }
    }

    /// <summary>Approved cards of <see cref="CardType"/>, one for each of <paramref name="count"/> new active users (Request multiple cards).</summary>
    public async Task<string[]> ApprovedCardsAsync(int count)
    {
        var prefix = "line-" + Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:00}").ToArray();
        foreach (var id in users)
        {
            await PostAsync("/users", new { id, displayName = $"User {id}", email = $"{id}@example.test", department = "Production", state = "active" });
        }

        var batch = await PostAsync("/batch-orders/card-requests", new { cardType = CardType, userIds = users });
        return [.. batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("cardId").GetString()!)];
    }

    public async Task<JsonElement> GetAsync(string path) => await ReadAsync(await http.GetAsync(new Uri(path, UriKind.Relative)));

    public async Task<JsonElement> PostAsync(string path, object body) => await ReadAsync(await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body));

    public async Task<JsonElement> PutAsync(string path, object body) => await ReadAsync(await http.PutAsJsonAsync(new Uri(path, UriKind.Relative), body));

    public void Dispose()
    {
        http.Dispose();
        Silo.Dispose();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            }

            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

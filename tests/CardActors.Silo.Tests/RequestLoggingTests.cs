using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CardActors.Api.Security;
using CardActors.Grains;
using CardActors.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CardActors.Silo.Tests;

/// <summary>
/// At the node's default log levels (silo/appsettings.json) a request writes no line at Information
/// or above: not ASP.NET's request logging, not ours, not Orleans' for the grains a request activates.
/// A line per request would cost every request its formatting and a console write.
/// </summary>
public sealed class RequestLoggingTests : IDisposable
{
    private const string Key = "logging-operator-0123456789";

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("cardactors-logging-");

    [Fact]
    public async Task Requests_write_no_line_at_information_level()
    {
        var captured = new CapturingLoggerProvider();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("CardActors:Storage:DataDirectory", _dataDirectory.FullName);
            web.UseSetting("CardActors:Cluster:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
            web.UseSetting("CardActors:Cluster:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
            web.UseSetting("CardActors:Api:Keys:0:Name", "logging-operator");
            web.UseSetting("CardActors:Api:Keys:0:Role", ApiRoles.Operator);
            web.UseSetting("CardActors:Api:Keys:0:Sha256", ApiKeyHash.Compute(Key));
            web.ConfigureLogging(logging => logging.AddProvider(captured));
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, Key);

        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        DomainRequestContext.SetOperator("logging-operator");
        var config = grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);
        await config.DefineCardTypeAsync(new DefineCardTypeCommand("logged", CardKind.Permanent));
        await config.EnableUseCasesAsync("logged", [UseCases.CardsProcRequest]);
        var users = Enumerable.Range(0, 5).Select(i => "logging-user-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var user in users)
        {
            await grains.GetGrain<IUserGrain>(user).CreateAsync(new CreateUserCommand("Logging " + user));
        }

        // Start-up and the first request of each kind may log once; what counts is what each further request adds.
        await RequestsAsync(client, users, "warm-up");
        captured.Clear();
        await RequestsAsync(client, users, "measured");

        Assert.True(captured.Seen > 0, "The capturing provider must see the node's loggers.");
        Assert.True(captured.Lines.Count == 0, $"{captured.Lines.Count} lines, e.g.:\n" + string.Join("\n", captured.Lines.Distinct().Take(5)));
    }

    private static async Task RequestsAsync(HttpClient client, string[] users, string phase)
    {
        foreach (var user in users)
        {
            using var created = await client.PostAsJsonAsync(new Uri("/cards", UriKind.Relative), new { userId = user, cardType = "logged" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var replayed = new HttpRequestMessage(HttpMethod.Post, new Uri("/cards", UriKind.Relative)) { Content = JsonContent.Create(new { userId = user, cardType = "logged" }) };
            replayed.Headers.Add("Idempotency-Key", $"{phase}-{user}");
            using var first = await client.SendAsync(replayed);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var refused = await client.PostAsJsonAsync(new Uri("/cards", UriKind.Relative), new { userId = "nobody", cardType = "logged" });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);

    /// <summary>Keeps every line at Information or above that the host's filters let through.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private int _seen;

        public IReadOnlyCollection<string> Lines => _lines;

        /// <summary>Lines of any level the host let through since the start (proof the provider is wired in).</summary>
        public int Seen => Volatile.Read(ref _seen);

        public void Clear() => _lines.Clear();

        public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                Interlocked.Increment(ref owner._seen);
                if (logLevel >= LogLevel.Information)
                {
                    owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}

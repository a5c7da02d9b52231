using CardActors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CardActors.Runtime.Testing;

/// <summary>
/// A silo in the test's own process, in the manner of Orleans' TestCluster but started in
/// milliseconds. The same configuration is applied on every (re)start, so a restart with a
/// durable storage reads back what the previous run wrote.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly Action<ISiloBuilder> _configureSilo;
    private readonly Action<IServiceCollection>? _configureServices;
    private IHost? _host;

    private TestSilo(Action<ISiloBuilder> configureSilo, Action<IServiceCollection>? configureServices)
    {
        _configureSilo = configureSilo;
        _configureServices = configureServices;
    }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public Silo Silo => Services.GetRequiredService<Silo>();

    private IHost Host => _host ?? throw new InvalidOperationException("The test silo is stopped.");

    public static async Task<TestSilo> StartAsync(Action<ISiloBuilder> configureSilo, Action<IServiceCollection>? configureServices = null)
    {
        var silo = new TestSilo(configureSilo, configureServices);
        await silo.StartHostAsync();
        return silo;
    }

    /// <summary>Stops gracefully (every activation deactivates) and starts a new silo with the same configuration.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartHostAsync();
    }

    /// <summary>Stops gracefully: every activation runs OnDeactivateAsync.</summary>
    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync();
            host.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartHostAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCardActorsSilo(_configureSilo);
        _configureServices?.Invoke(builder.Services);
        _host = builder.Build();
        await _host.StartAsync();
    }
}

namespace CardActors.Api.Tests;

/// <summary>One SQLite-backed node per test class (classes run in parallel, each on its own file).</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private ApiHost? _host;

    public ApiHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await ApiHost.StartSqliteAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

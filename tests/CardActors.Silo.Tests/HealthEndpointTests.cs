using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CardActors.Silo.Tests;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("cardactors-health-");

    [Fact]
    public async Task The_embedded_default_creates_its_SQLite_file_and_reports_healthy()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.UseSetting("CardActors:Storage:DataDirectory", _dataDirectory.FullName));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(_dataDirectory.FullName, "cardactors.db")));
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}

using CardActors.Api.Hosting;
using CardActors.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Tests;

/// <summary>--seed-demo: demo users, enabled use cases, and one key per role, shown once and stored hashed.</summary>
public sealed class DemoSeedTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Seeding_makes_a_working_key_per_role_once_and_shows_it_once()
    {
        var seeder = fixture.Host.Services.GetRequiredService<DemoApiKeys>();

        var first = await seeder.SeedAsync();
        var second = await seeder.SeedAsync();

        Assert.Equal(DemoApiKeys.Roles.Order(), first.CreatedKeys.Select(k => k.Role).Order());
        Assert.Empty(second.CreatedKeys);
        Assert.Equal(first.CreatedKeys.Select(k => k.Name).Order(), second.ExistingKeys.Order());
        Assert.Contains("demo-001", first.Domain.UserIds);
        var text = SiloHost.DemoSeedText(first, ["http://localhost:5080"]);
        Assert.All(first.CreatedKeys, k => Assert.Contains(k.Key, text, StringComparison.Ordinal));
        Assert.DoesNotContain(first.CreatedKeys[0].Key, SiloHost.DemoSeedText(second, []), StringComparison.Ordinal);

        var operatorKey = first.CreatedKeys.Single(k => k.Role == "operator").Key;
        using var client = fixture.Host.Client(operatorKey);
        var card = await client.RequestCardAsync("demo-001");
        using var auditor = fixture.Host.Client(first.CreatedKeys.Single(k => k.Role == "auditor").Key);
        var rows = await auditor.GetJsonAsync($"/audit/cards/{card.Id()}");
        Assert.Equal("demo-operator", rows.GetProperty("items")[0].GetProperty("operator").GetString());
    }
}

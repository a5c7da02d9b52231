using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CardActors.Api.Hosting;
using CardActors.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Tests;

/// <summary>Admins create (shown once), list (never the key) and revoke API keys; each change is audited.</summary>
public sealed class ApiKeyManagementTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task A_created_key_works_is_listed_without_the_key_and_stops_working_when_revoked()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        var name = Flows.NewId("line-7");

        var created = await admin.PostAsync("/api-keys", new { name, roles = new[] { "operator", "auditor" } }, HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("ca_", key, StringComparison.Ordinal);
        Assert.False(await fixture.Host.StoredStateContainsAsync(key));

        using (var holder = fixture.Host.Client(key))
        {
            var user = await holder.CreateUserAsync();
            Assert.Equal(name, (await holder.RequestCardAsync(user)).GetProperty("requestedBy").GetString());
        }

        using var listed = await admin.GetAsync("/api-keys");
        var text = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Security.ApiKeyHash.Compute(key), text, StringComparison.Ordinal);
        var entry = (await listed.AssertSuccessAsync()).EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);
        Assert.Equal(["operator", "auditor"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("dave-admin", entry.GetProperty("createdBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("createdAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("lastUsedAt").ValueKind);
        Assert.Contains((await listed.AssertSuccessAsync()).EnumerateArray(), k => k.GetProperty("name").GetString() == "alice-operator" && k.GetProperty("source").GetString() == "configuration");

        using var again = await admin.PostAsJsonAsync("/api-keys", new { name, roles = new[] { "operator" } });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "conflict.api-key-exists");

        using var revoked = await admin.DeleteAsync($"/api-keys/{name}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using (var holder = fixture.Host.Client(key))
        {
            using var refused = await holder.GetAsync("/cards");
            await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-invalid");
        }

        using var gone = await admin.DeleteAsync($"/api-keys/{name}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "apikey.not-found");

        using var auditor = fixture.Host.Client(TestKeys.Auditor);
        var audit = await auditor.GetJsonAsync("/audit?limit=500");
        var rows = audit.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("subjectId").GetString() == name).ToList();
        Assert.Equal(["AdminApiKeyCreate", "AdminApiKeyRevoke"], rows.Select(r => r.GetProperty("useCase").GetString()));
        Assert.All(rows, r => Assert.Equal("dave-admin", r.GetProperty("operator").GetString()));
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"roles\": [\"wizard\"]}", "roles")]
    [InlineData("{\"name\": \"x\", \"roles\": []}", "roles")]
    [InlineData("{\"name\": \"a b\", \"roles\": [\"operator\"]}", "name")]
    public async Task A_key_with_an_unknown_role_or_a_bad_name_is_400(string body, string field)
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);

        using var response = await admin.PostAsync("/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData(TestKeys.Operator)]
    [InlineData(TestKeys.Auditor)]
    public async Task Only_admins_manage_keys(string key)
    {
        using var client = fixture.Host.Client(key);

        using var create = await client.PostAsJsonAsync("/api-keys", new { name = "sneaky", roles = new[] { "admin" } });
        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        using var list = await client.GetAsync("/api-keys");
        await list.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task The_demo_keys_are_printed_as_a_block_ready_for_a_shell()
    {
        var report = await fixture.Host.Services.GetRequiredService<DemoApiKeys>().SeedAsync();

        var text = SiloHost.DemoSeedText(report, ["http://localhost:5080"]);

        var admin = report.CreatedKeys.Single(k => k.Role == "admin").Key;
        var op = report.CreatedKeys.Single(k => k.Role == "operator").Key;
        Assert.Contains($"ADMIN={admin}; OP={op};", text, StringComparison.Ordinal);
    }
}

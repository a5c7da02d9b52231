using System.Net;
using System.Net.Http.Json;
using CardActors.Tests.Support;

namespace CardActors.Api.Tests;

/// <summary>The same API on PostgreSQL: the lifecycle, idempotency across a restart, and the audit.</summary>
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task Request_approve_issue_activate_and_idempotency_across_a_restart_on_PostgreSQL()
    {
        await using var host = await ApiHost.StartPostgresAsync();
        using var client = host.Client(TestKeys.Operator);
        using var approver = host.Client(TestKeys.Approver);
        using var station = host.Client(TestKeys.Station);
        var user = await client.CreateUserAsync();
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(client, user, key);
        var id = first.GetProperty("id").GetString()!;
        await approver.PostAsync($"/cards/{id}/approval");
        await station.ProduceAsync((await client.PostAsync($"/cards/{id}/issuance")).JobId());
        Assert.Equal("active", (await client.PostAsync($"/cards/{id}/activation")).State());

        await host.RestartAsync();

        using var again = host.Client(TestKeys.Operator);
        var replay = await SendAsync(again, user, key);
        Assert.Equal(first.GetRawText(), replay.GetRawText());
        Assert.Equal(1, (await again.GetJsonAsync($"/cards?userId={user}")).GetProperty("total").GetInt64());
        using var auditor = host.Client(TestKeys.Auditor);
        Assert.True((await auditor.GetJsonAsync("/audit/verification")).GetProperty("isValid").GetBoolean());
    }

    private static async Task<System.Text.Json.JsonElement> SendAsync(HttpClient client, string user, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cards") { Content = JsonContent.Create(new { userId = user, cardType = "employee" }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return await response.AssertSuccessAsync(HttpStatusCode.Created);
    }
}

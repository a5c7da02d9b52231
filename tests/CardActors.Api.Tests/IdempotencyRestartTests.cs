using System.Net;
using System.Net.Http.Json;

namespace CardActors.Api.Tests;

/// <summary>Idempotency records are grain state: they survive a restart of the node.</summary>
public sealed class IdempotencyRestartTests
{
    [Fact]
    public async Task A_key_used_before_a_restart_replays_its_response_after_it()
    {
        await using var host = await ApiHost.StartSqliteAsync();
        string firstBody;
        string user;
        var key = Guid.NewGuid().ToString();
        using (var client = host.Client(TestKeys.Operator))
        {
            user = await client.CreateUserAsync();
            using var first = await client.SendAsync(Request(user, key));
            firstBody = (await first.AssertSuccessAsync(HttpStatusCode.Created)).GetRawText();
        }

        await host.RestartAsync();

        using var again = host.Client(TestKeys.Operator);
        using var replay = await again.SendAsync(Request(user, key));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstBody, (await replay.AssertSuccessAsync()).GetRawText());
        Assert.Equal(1, (await again.GetJsonAsync($"/cards?userId={user}")).GetProperty("total").GetInt64());
    }

    private static HttpRequestMessage Request(string user, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cards") { Content = JsonContent.Create(new { userId = user, cardType = "employee" }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

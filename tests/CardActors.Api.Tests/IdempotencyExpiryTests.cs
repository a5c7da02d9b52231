using System.Net;
using System.Net.Http.Json;

namespace CardActors.Api.Tests;

/// <summary>Idempotency records are deleted once IdempotencyRetention has passed, not kept for ever.</summary>
public sealed class IdempotencyExpiryTests
{
    [Fact]
    public async Task An_expired_record_is_deleted_and_its_key_starts_afresh()
    {
        await using var host = await ApiHost.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["CardActors:Api:IdempotencyRetention"] = "00:00:02",
            ["CardActors:Api:IdempotencyLease"] = "00:00:01",
        });
        using var client = host.Client(TestKeys.Operator);
        var before = await host.StoredStatesAsync("idempotency");
        var user = await client.CreateUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cards") { Content = JsonContent.Create(new { userId = user, cardType = "employee" }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var first = await client.SendAsync(request);
        await first.AssertSuccessAsync(HttpStatusCode.Created);
        Assert.Equal(before + 1, await host.StoredStatesAsync("idempotency"));

        // The reminder is due after lease + retention (3 s); allow for the reminder service's pace.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await host.StoredStatesAsync("idempotency") > before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Equal(before, await host.StoredStatesAsync("idempotency"));
    }
}

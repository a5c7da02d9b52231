using System.Net;

namespace CardActors.Api.Tests;

/// <summary>Batch orders through HTTP: request multiple (an inactive user is a rejected item), issue multiple over a line's stations, complete; order multiple.</summary>
public sealed class BatchOrderTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Request_multiple_then_issue_multiple_then_complete()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        using var station2 = fixture.Host.Client(TestKeys.Station2);
        using var ops = fixture.Host.Client(TestKeys.Ops);
        var users = new[] { await client.CreateUserAsync(), await client.CreateUserAsync(), await client.CreateUserAsync(state: "inactive") };

        var requests = await client.PostAsync("/batch-orders/card-requests", new { cardType = "contractor", userIds = users }, HttpStatusCode.Created);
        Assert.Equal(1, requests.GetProperty("rejected").GetInt32());
        Assert.Equal("user.not-active", requests.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "rejected").GetProperty("errorCode").GetString());
        var cardIds = requests.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("cardId")).Where(c => c.ValueKind == System.Text.Json.JsonValueKind.String).Select(c => c.GetString()!).ToArray();
        Assert.Equal(2, cardIds.Length);

        var issue = await client.PostAsync("/batch-orders/card-issues", new { cardType = "contractor", cardIds, stationIds = new[] { "station-01", "station-02" } }, HttpStatusCode.Created);
        var batchId = issue.Id();
        using var tooEarly = await client.PostAsync($"/batch-orders/{batchId}/completion", null);
        await tooEarly.AssertProblemAsync(HttpStatusCode.Conflict, "conflict.batch-state");
        foreach (var item in issue.GetProperty("items").EnumerateArray())
        {
            // Each job is its station's: the key of station-02 produces station-02's.
            await (item.GetProperty("stationId").GetString() == "station-02" ? station2 : station).ProduceAsync(item.GetProperty("jobId").GetString()!);
        }

        var read = await ops.GetJsonAsync($"/batch-orders/{batchId}");
        Assert.Equal(2, read.GetProperty("done").GetInt32());
        Assert.Equal("completed", (await client.PostAsync($"/batch-orders/{batchId}/completion")).GetProperty("status").GetString());
        Assert.All(cardIds, id => Assert.Equal("issued", client.GetJsonAsync($"/cards/{id}").Result.State()));
    }

    [Fact]
    public async Task Order_multiple_cards_from_the_producer()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var users = new[] { await client.CreateUserAsync(), await client.CreateUserAsync() };

        var batch = await client.PostAsync("/batch-orders/card-orders", new { cardType = "employee", userIds = users }, HttpStatusCode.Created);

        Assert.Equal(2, batch.GetProperty("done").GetInt32());
        var search = await client.GetJsonAsync($"/cards?batchId={batch.Id()}");
        Assert.Equal(2, search.GetProperty("total").GetInt64());
        Assert.All(search.GetProperty("items").EnumerateArray(), c => Assert.Equal("ordered", c.State()));
    }

    [Fact]
    public async Task A_misprinted_card_is_voided_and_produced_again_before_the_order_completes()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var ids = (await client.PostAsync("/temporary-cards", new { cardType = "temporary", amount = 2 }, HttpStatusCode.Created))
            .EnumerateArray().Select(c => c.Id()).ToArray();
        var batch = await client.PostAsync("/batch-orders/temporary-card-issues", new { cardType = "temporary", cardIds = ids, stationIds = new[] { "station-01" } }, HttpStatusCode.Created);
        foreach (var item in batch.GetProperty("items").EnumerateArray())
        {
            await station.ProduceAsync(item.GetProperty("jobId").GetString()!);
        }

        var misprinted = ids[0];
        var firstSerial = (await client.GetJsonAsync($"/temporary-cards/{misprinted}")).GetProperty("serial").GetString();
        var repeated = await client.PostAsync($"/batch-orders/{batch.Id()}/repeat-production", new { cardIds = Array.Empty<string>(), misprintedCardIds = new[] { misprinted }, reason = "smudged print" });

        var voided = await client.GetJsonAsync($"/temporary-cards/{misprinted}");
        Assert.Equal("requested", voided.State());
        Assert.Equal([firstSerial], voided.GetProperty("voidedSerials").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/batch-orders/{batch.Id()}/completion", null)).StatusCode);
        var newJob = repeated.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "pending").GetProperty("jobId").GetString()!;
        await station.ProduceAsync(newJob);

        Assert.Equal("completed", (await client.PostAsync($"/batch-orders/{batch.Id()}/completion")).GetProperty("status").GetString());
        var produced = await client.GetJsonAsync($"/temporary-cards/{misprinted}");
        Assert.Equal("unassigned", produced.State());
        Assert.NotEqual(firstSerial, produced.GetProperty("serial").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CardActors.Grains.Production;

namespace CardActors.Api.Tests;

/// <summary>External production through HTTP: orders, the producer's signed and idempotent status callback, activation of a produced card, the dispatcher.</summary>
public sealed class ExternalProductionTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions s_web = new(JsonSerializerDefaults.Web);

    private static HttpRequestMessage Callback(object statusEvent, string? secret = ApiHost.CallbackSecret)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(statusEvent, s_web);
        var request = new HttpRequestMessage(HttpMethod.Post, "/external-production/status-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (secret is not null)
        {
            request.Headers.Add(ProducerCallbackSignature.HeaderName, ProducerCallbackSignature.Compute(body, secret));
        }

        return request;
    }

    [Fact]
    public async Task Order_produce_by_callback_and_activate()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        using var producer = fixture.Host.Client();
        var user = await client.CreateUserAsync();
        var card = await client.PostAsync("/cards/orders", new { userId = user, cardType = "employee" }, HttpStatusCode.Created);
        Assert.Equal("ordered", card.State());
        var orderId = card.GetProperty("externalOrder").GetProperty("orderId").GetString()!;

        using var unsigned = await producer.SendAsync(Callback(new { eventId = "e0", orderId, status = "inProduction", occurredAt = DateTimeOffset.UtcNow }, secret: null));
        await unsigned.AssertProblemAsync(HttpStatusCode.Unauthorized, "producer.unauthorized");
        using var forged = await producer.SendAsync(Callback(new { eventId = "e0", orderId, status = "inProduction", occurredAt = DateTimeOffset.UtcNow }, secret: "guess"));
        await forged.AssertProblemAsync(HttpStatusCode.Unauthorized, "producer.unauthorized");

        var inProduction = new { eventId = $"{orderId}-1", orderId, status = "inProduction", occurredAt = DateTimeOffset.UtcNow };
        using var first = await producer.SendAsync(Callback(inProduction));
        Assert.Equal("applied", (await first.AssertSuccessAsync(HttpStatusCode.OK)).GetProperty("outcome").GetString());
        using var repeated = await producer.SendAsync(Callback(inProduction));
        Assert.Equal("duplicate", (await repeated.AssertSuccessAsync(HttpStatusCode.OK)).GetProperty("outcome").GetString());
        Assert.Equal("in production", (await client.GetJsonAsync($"/cards/{card.Id()}")).State());

        using var produced = await producer.SendAsync(Callback(new { eventId = $"{orderId}-2", orderId, status = "produced", occurredAt = DateTimeOffset.UtcNow, cardSerial = "EXT-1" }));
        await produced.AssertSuccessAsync(HttpStatusCode.OK);
        Assert.Equal("produced", (await client.GetJsonAsync($"/cards/{card.Id()}")).State());

        var activating = await client.PostAsync($"/cards/{card.Id()}/activation", new { stationId = "station-01" });
        Assert.Equal("produced", activating.State());
        Assert.Equal("active", (await station.ProduceAsync(activating.JobId())).State());
    }

    [Fact]
    public async Task Temporary_cards_are_ordered_in_amounts_and_an_order_for_an_unknown_card_is_404()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();
        var cards = await client.PostAsync("/temporary-cards/orders", new { cardType = "temporary", amount = 2, userId = user }, HttpStatusCode.Created);
        Assert.Equal(2, cards.GetArrayLength());
        Assert.All(cards.EnumerateArray(), c => Assert.Equal("ordered", c.State()));

        using var producer = fixture.Host.Client();
        using var unknown = await producer.SendAsync(Callback(new { eventId = "x", orderId = "no-such-order", status = "produced", occurredAt = DateTimeOffset.UtcNow }));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "card.not-found");
        using var bad = await producer.SendAsync(Callback(new { eventId = "y", orderId = "z", status = "exploded", occurredAt = DateTimeOffset.UtcNow }));
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
    }

    [Fact]
    public async Task Queued_orders_wait_while_the_dispatcher_is_paused_and_can_be_aborted()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var ops = fixture.Host.Client(TestKeys.Ops);
        await admin.PutJsonAsync("/configuration/card-types/contractor/use-cases/CardsAddonExtProdProcOrder", new { enabled = true, options = new { queueExternalOrders = true } });

        Assert.True((await admin.PostAsync("/external-production/dispatcher/pause")).GetProperty("paused").GetBoolean());
        using var forbidden = await client.PostAsync("/external-production/dispatcher/resume", null);
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        var users = new[] { await client.CreateUserAsync(), await client.CreateUserAsync() };
        var queued = await client.PostAsync("/cards/orders", new { userId = users[0], cardType = "contractor" }, HttpStatusCode.Created);
        var toAbort = await client.PostAsync("/cards/orders", new { userId = users[1], cardType = "contractor" }, HttpStatusCode.Created);
        Assert.Equal("processing", queued.State());
        Assert.Equal(0, (await admin.PostAsync("/external-production/dispatcher/runs")).GetProperty("dispatched").GetInt32());
        Assert.Equal("aborted", (await client.PostAsync($"/cards/{toAbort.Id()}/order/abort", new { reason = "changed mind" })).State());

        Assert.False((await admin.PostAsync("/external-production/dispatcher/resume")).GetProperty("paused").GetBoolean());
        Assert.Equal(1, (await admin.PostAsync("/external-production/dispatcher/runs")).GetProperty("dispatched").GetInt32());
        Assert.Equal("ordered", (await client.GetJsonAsync($"/cards/{queued.Id()}")).State());
        Assert.False((await ops.GetJsonAsync("/external-production/dispatcher")).GetProperty("paused").GetBoolean());
    }
}

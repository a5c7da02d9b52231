using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CardActors.Grains.Production;

namespace CardActors.Api.Tests;

/// <summary>
/// The endpoints the idempotency middleware must leave alone: answers with secrets (claim, PIN
/// unblock) are never stored, so never replayed; the producer's unauthenticated callback is
/// idempotent by event id and writes nothing before its signature is checked; and its body is bounded.
/// </summary>
public sealed class IdempotencyExclusionTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions s_web = new(JsonSerializerDefaults.Web);

    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<string> ApprovedContractorCardAsync(HttpClient client)
        => (await client.RequestCardAsync(await client.CreateUserAsync(), "contractor")).Id();

    [Fact]
    public async Task A_claim_with_an_idempotency_key_is_never_stored_nor_replayed()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var jobId = (await client.PostAsync($"/cards/{await ApprovedContractorCardAsync(client)}/issuance")).JobId();
        var key = Guid.NewGuid().ToString();

        using var first = await station.SendAsync(Post($"/production/jobs/{jobId}/claim", new { }, key));
        var work = await first.AssertSuccessAsync(HttpStatusCode.OK);
        using var second = await station.SendAsync(Post($"/production/jobs/{jobId}/claim", new { }, key));
        var again = await second.AssertSuccessAsync(HttpStatusCode.OK);

        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        var managementKey = work.GetProperty("managementKey").GetString()!;
        Assert.NotEqual(managementKey, again.GetProperty("managementKey").GetString());
        Assert.False(await fixture.Host.StoredStateContainsAsync(managementKey), "the management key of a claim is stored in clear");
        Assert.False(await fixture.Host.StoredStateContainsAsync(again.GetProperty("managementKey").GetString()!), "the management key of a claim is stored in clear");
    }

    [Fact]
    public async Task A_pin_unblock_with_an_idempotency_key_is_never_stored_nor_replayed()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var id = await ApprovedContractorCardAsync(client);
        await station.ProduceAsync((await client.PostAsync($"/cards/{id}/issuance")).JobId());
        await client.PostAsync($"/cards/{id}/activation");
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Post($"/cards/{id}/pin-unblock", new { }, key));
        var newPuk = (await first.AssertSuccessAsync(HttpStatusCode.OK)).GetProperty("newPuk").GetString()!;
        using var second = await client.SendAsync(Post($"/cards/{id}/pin-unblock", new { }, key));
        await second.AssertSuccessAsync(HttpStatusCode.OK);

        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.False(await fixture.Host.StoredStateContainsAsync(newPuk), "the new PUK is stored in clear");
    }

    [Fact]
    public async Task The_producer_callback_ignores_idempotency_keys_and_stays_idempotent_by_event_id()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var producer = fixture.Host.Client();
        var card = await client.PostAsync("/cards/orders", new { userId = await client.CreateUserAsync(), cardType = "employee" }, HttpStatusCode.Created);
        var orderId = card.GetProperty("externalOrder").GetProperty("orderId").GetString()!;
        var key = Guid.NewGuid().ToString();
        var statusEvent = new { eventId = $"{orderId}-1", orderId, status = "inProduction", occurredAt = DateTimeOffset.UtcNow };

        using var unsigned = await producer.SendAsync(Callback(statusEvent, key, signed: false));
        await unsigned.AssertProblemAsync(HttpStatusCode.Unauthorized, "producer.unauthorized");
        using var first = await producer.SendAsync(Callback(statusEvent, key));
        Assert.Equal("applied", (await first.AssertSuccessAsync(HttpStatusCode.OK)).GetProperty("outcome").GetString());
        using var repeated = await producer.SendAsync(Callback(statusEvent, key));

        Assert.False(repeated.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("duplicate", (await repeated.AssertSuccessAsync(HttpStatusCode.OK)).GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_producer_callback_over_64_KB_is_413_also_when_chunked(bool chunked)
    {
        using var producer = fixture.Host.Client();
        var body = Encoding.UTF8.GetBytes($$"""{"eventId":"big","orderId":"o","status":"produced","reason":"{{new string('x', 70 * 1024)}}"}""");
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/external-production/status-events") { Content = content };
        request.Headers.Add(ProducerCallbackSignature.HeaderName, ProducerCallbackSignature.Compute(body, ApiHost.CallbackSecret));
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await producer.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too-large");
    }

    private static HttpRequestMessage Callback(object statusEvent, string key, bool signed = true)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(statusEvent, s_web);
        var request = new HttpRequestMessage(HttpMethod.Post, "/external-production/status-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Idempotency-Key", key);
        if (signed)
        {
            request.Headers.Add(ProducerCallbackSignature.HeaderName, ProducerCallbackSignature.Compute(body, ApiHost.CallbackSecret));
        }

        return request;
    }
}

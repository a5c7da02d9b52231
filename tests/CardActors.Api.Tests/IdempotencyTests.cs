using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Api.Tests;

/// <summary>Idempotency-Key: the same key and request return the first response and create nothing twice, also concurrently and after a restart.</summary>
public sealed class IdempotencyTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<long> CardsOfAsync(HttpClient client, string userId)
        => (await client.GetJsonAsync($"/cards?userId={userId}")).GetProperty("total").GetInt64();

    [Fact]
    public async Task The_same_key_twice_returns_the_same_status_and_body_and_makes_one_card()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, key));
        using var second = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CardsOfAsync(client, user));
    }

    [Fact]
    public async Task New_card_ids_are_time_ordered_with_a_key_and_without_one()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();
        using var plain = await client.PostAsJsonAsync("/cards", new { userId = user, cardType = "employee" });
        using var keyed = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, Guid.NewGuid().ToString()));

        // Version 7 (RFC 9562: a millisecond timestamp first), so that card-keyed rows append to their indexes (docs/benchmarks.md).
        foreach (var response in new[] { plain, keyed })
        {
            await response.AssertSuccessAsync(HttpStatusCode.Created);
            var id = Guid.Parse(response.Headers.Location!.OriginalString["/cards/".Length..]);
            Assert.Equal(7, id.Version);
        }
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_another_caller_has_its_own_keys()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var other = fixture.Host.Client(TestKeys.Operator2);
        var user = await client.CreateUserAsync();
        var user2 = await client.CreateUserAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, key));
        await first.AssertSuccessAsync(HttpStatusCode.Created);

        using var reused = await client.SendAsync(Post("/cards", new { userId = user2, cardType = "employee" }, key));
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key-reused");

        using var othersKey = await other.SendAsync(Post("/cards", new { userId = user2, cardType = "employee" }, key));
        await othersKey.AssertSuccessAsync(HttpStatusCode.Created);
        Assert.Equal(1, await CardsOfAsync(client, user2));
    }

    [Fact]
    public async Task A_refused_request_is_not_kept_so_its_retry_runs_again()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync(state: "inactive");
        var key = Guid.NewGuid().ToString();
        using var refused = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, key));
        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "user.not-active");

        await client.PostAsync($"/users/{user}/activation");
        using var retried = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, key));

        await retried.AssertSuccessAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_card_and_all_get_its_response()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.SendAsync(Post("/cards", new { userId = user, cardType = "employee" }, key));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(201, r.Item1));
        Assert.Single(responses.Select(r => JsonDocument.Parse(r.Item2).RootElement.GetProperty("id").GetString()).Distinct());
        Assert.Equal(1, await CardsOfAsync(client, user));
    }

    [Fact]
    public async Task Temporary_card_requests_and_batch_orders_are_idempotent_too()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Post("/temporary-cards", new { cardType = "temporary", amount = 2 }, key));
        using var second = await client.SendAsync(Post("/temporary-cards", new { cardType = "temporary", amount = 2 }, key));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var users = new[] { await client.CreateUserAsync(), await client.CreateUserAsync() };
        var batchKey = Guid.NewGuid().ToString();
        using var batch1 = await client.SendAsync(Post("/batch-orders/card-requests", new { cardType = "contractor", userIds = users }, batchKey));
        using var batch2 = await client.SendAsync(Post("/batch-orders/card-requests", new { cardType = "contractor", userIds = users }, batchKey));
        Assert.Equal(HttpStatusCode.Created, batch2.StatusCode);
        Assert.Equal(batch1.Headers.Location, batch2.Headers.Location);
        Assert.Equal(1, await CardsOfAsync(client, users[0]));
    }

    [Fact]
    public async Task An_invalid_key_is_400()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.SendAsync(Post("/temporary-cards", new { cardType = "temporary", amount = 1 }, new string('k', 201)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency.key-invalid");
    }
}

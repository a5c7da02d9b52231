using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CardActors.Tests.Support;

namespace CardActors.Api.Tests;

/// <summary>A burst of concurrent requests (1,000, 64 in flight at a time) loses nothing: every 2xx answer's card exists and the search finds it; the counts match.</summary>
public sealed class BurstTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private const int Requests = 1_000;

    /// <summary>Requests in flight at once: enough to contend, few enough that a slow CI machine does not time out its own client.</summary>
    private const int InFlight = 64;

    [Fact]
    public Task A_thousand_concurrent_card_requests_for_different_users_lose_nothing() => BurstAsync(fixture.Host);

    [PostgresFact]
    public async Task A_thousand_concurrent_card_requests_lose_nothing_on_PostgreSQL()
    {
        await using var host = await ApiHost.StartPostgresAsync();
        await BurstAsync(host);
    }

    private static async Task BurstAsync(ApiHost host)
    {
        using var admin = host.Client(TestKeys.Admin);
        await admin.PutJsonAsync("/configuration/card-types/burst", new { kind = "permanent" });
        await admin.PostAsync("/configuration/card-types/burst/enabled-use-cases", new { useCases = new[] { "CardsProcRequest" } });
        using var client = host.Client(TestKeys.Operator);
        var prefix = Flows.NewId("burst");
        var users = Enumerable.Range(0, Requests).Select(i => $"{prefix}-{i:0000}").ToArray();
        // The users are set-up, not the subject: made a few at a time.
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (u, _) => await client.CreateUserAsync(u));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var answers = await Bounded.AllAsync(users, InFlight, async user =>
        {
            using var response = await client.PostAsJsonAsync("/cards", new { userId = user, cardType = "burst" });
            var body = await response.Content.ReadAsStringAsync();
            return (User: user, response.StatusCode, Body: body);
        });

        var elapsed = started.Elapsed;
        var failures = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} failed in {elapsed.TotalSeconds:F1} s, e.g. {failures.FirstOrDefault()}");
        var created = answers.Select(a => (a.User, Card: JsonDocument.Parse(a.Body).RootElement.Id())).ToList();
        Assert.Equal(Requests, created.Select(c => c.Card).Distinct().Count());

        var search = await client.GetJsonAsync("/cards?cardType=burst&limit=500");
        Assert.Equal(Requests, search.GetProperty("total").GetInt64());
        var found = new HashSet<string>();
        for (var offset = 0; offset < Requests; offset += 500)
        {
            var page = await client.GetJsonAsync($"/cards?cardType=burst&sort=userId&order=asc&offset={offset}&limit=500");
            found.UnionWith(page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        }

        Assert.Equal(created.Select(c => c.Card).ToHashSet(), found);
        await Task.WhenAll(created.Select(async c =>
        {
            var card = await client.GetJsonAsync($"/cards/{c.Card}");
            Assert.Equal(c.User, card.GetProperty("userId").GetString());
            Assert.Equal("approved", card.State());
        }));
    }
}

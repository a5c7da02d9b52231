using System.Net;

namespace CardActors.Api.Tests;

/// <summary>Temporary cards through HTTP: request, search, issue as a batch (with a failure and Repeat production), complete, assign, extend, withdraw, lock.</summary>
public sealed class TemporaryCardTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task The_pool_from_request_to_lock()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var requested = await client.PostAsync("/temporary-cards", new { cardType = "temporary", amount = 3 }, HttpStatusCode.Created);
        var ids = requested.EnumerateArray().Select(c => c.Id()).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.All(requested.EnumerateArray(), c => Assert.Equal("requested", c.State()));

        var search = await client.GetJsonAsync("/cards?state=requested&type=temporary&limit=500");
        Assert.Superset(ids.ToHashSet(), search.GetProperty("items").EnumerateArray().Select(c => c.Id()).ToHashSet());

        var batch = await client.PostAsync("/batch-orders/temporary-card-issues", new { cardType = "temporary", cardIds = ids, stationIds = new[] { "station-01" } }, HttpStatusCode.Created);
        var batchId = batch.Id();
        var jobs = batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("jobId").GetString()!).ToArray();
        Assert.Equal(3, jobs.Length);
        await station.ProduceAsync(jobs[0]);
        await station.ProduceAsync(jobs[1]);
        await station.ProduceAsync(jobs[2], succeed: false);

        var status = (await client.GetJsonAsync($"/batch-orders/{batchId}")).GetProperty("failed").GetInt32();
        Assert.Equal(1, status);
        var repeated = await client.PostAsync($"/batch-orders/{batchId}/repeat-production", new { });
        var newJob = repeated.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "pending").GetProperty("jobId").GetString()!;
        Assert.DoesNotContain(newJob, jobs);
        await station.ProduceAsync(newJob);
        var completed = await client.PostAsync($"/batch-orders/{batchId}/completion");
        Assert.Equal("completed", completed.GetProperty("status").GetString());

        var id = ids[0];
        Assert.Equal("unassigned", (await client.GetJsonAsync($"/temporary-cards/{id}")).State());
        var user = await client.CreateUserAsync();
        var assigned = await client.PostAsync($"/temporary-cards/{id}/assignment", new { userId = user });
        Assert.Equal("assigned", assigned.State());
        Assert.Equal(user, assigned.GetProperty("userId").GetString());
        var extended = await client.PostAsync($"/temporary-cards/{id}/extension", new { validUntil = DateTimeOffset.UtcNow.AddDays(7) });
        Assert.Equal("assigned", extended.State());
        Assert.Equal("unassigned", (await client.PostAsync($"/temporary-cards/{id}/withdrawal", new { reason = "noLongerNeeded" })).State());
        Assert.Equal("locked", (await client.PostAsync($"/temporary-cards/{id}/lock", new { reason = "damaged" })).State());

        var found = await client.GetJsonAsync("/temporary-cards?state=locked");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), c => c.Id() == id);
    }
}

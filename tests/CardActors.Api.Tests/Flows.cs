using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Api.Tests;

/// <summary>The steps tests share, each through HTTP and each asserting its own success.</summary>
public static class Flows
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<string> CreateUserAsync(this HttpClient client, string? id = null, string state = "active")
    {
        id ??= NewId("u");
        using var response = await client.PostAsJsonAsync("/users", new { id, displayName = $"User {id}", email = $"{id}@example.test", department = "QA", state });
        await response.AssertSuccessAsync(HttpStatusCode.Created);
        return id;
    }

    public static async Task<JsonElement> RequestCardAsync(this HttpClient client, string userId, string cardType = "employee")
    {
        using var response = await client.PostAsJsonAsync("/cards", new { userId, cardType });
        return await response.AssertSuccessAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> PostAsync(this HttpClient client, string path, object? body = null, HttpStatusCode? expected = null)
    {
        using var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        return await response.AssertSuccessAsync(expected);
    }

    public static async Task<JsonElement> PutJsonAsync(this HttpClient client, string path, object body)
    {
        using var response = await client.PutAsJsonAsync(path, body);
        return await response.AssertSuccessAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.AssertSuccessAsync(HttpStatusCode.OK);
    }

    /// <summary>What a station does with a job: claim it (getting its secrets), then report it done, or failed.</summary>
    public static async Task<JsonElement> ProduceAsync(this HttpClient station, string jobId, bool succeed = true)
    {
        var work = await station.PostAsync($"/production/jobs/{jobId}/claim", new { });
        Assert.Equal(jobId, work.GetProperty("job").GetProperty("jobId").GetString());
        var serial = "SN" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        return await station.PostAsync(
            $"/production/jobs/{jobId}/result",
            succeed ? new { succeeded = true, cardSerial = serial } : new { succeeded = false, failureReason = "misprint" });
    }

    public static string State(this JsonElement card) => card.GetProperty("state").GetString()!;

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static string JobId(this JsonElement card) => card.GetProperty("job").GetProperty("jobId").GetString()!;
}

using System.Net;
using System.Text.Json;

namespace CardActors.Api.Tests;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
public static class Problems
{
    /// <summary>Asserts the status, the problem+json media type and the stable code; returns the problem for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        // Every problem tells the caller what to do about it, the framework's own ones too.
        Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), $"the problem has no detail: {body}");
        return problem;
    }

    /// <summary>Asserts a 2xx and returns the JSON body.</summary>
    public static async Task<JsonElement> AssertSuccessAsync(this HttpResponseMessage response, HttpStatusCode? status = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            status is null ? response.IsSuccessStatusCode : response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(status is null ? "2xx" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}

using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Station.Jobs;

/// <summary>The API calls of the station: JSON bodies with their length, the API key, and the API's problem details turned into one line.</summary>
internal static class ApiRequests
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A JSON body with its length known, not streamed: some proxies refuse chunked requests.</summary>
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value, Json), System.Text.Encoding.UTF8, "application/json");

    public static async Task<T> PostAsync<T>(HttpClient http, string apiKey, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : Body(body) };
        using var response = await SendAsync(http, apiKey, request, what, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new ProductionJobException($"Could not {what}: the answer came back empty.");
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string apiKey, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Api-Key", apiKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ProductionJobException($"Could not {what}: the API at {http.BaseAddress} cannot be reached ({e.Message}).", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            throw new ProductionJobException($"Could not {what}: {(int)response.StatusCode} {problem}");
        }
    }

    /// <summary>The API's problem details, as "code: detail", or the status text.</summary>
    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = document.RootElement;
            var code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : root.TryGetProperty("title", out var t) ? t.GetString() : null;
            return string.Join(": ", new[] { code, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }
}

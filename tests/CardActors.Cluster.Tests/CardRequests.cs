using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Cluster.Tests;

/// <summary>One <c>POST /cards</c> with its own idempotency key, and what it got.</summary>
public sealed record CardRequest(int Index, string Key, string UserId, string CardType)
{
    public HttpRequestMessage Message()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/cards") { Content = JsonContent.Create(new { userId = UserId, cardType = CardType }) };
        message.Headers.Add("Idempotency-Key", Key);
        return message;
    }
}

/// <summary>An answer: a status (null when the connection failed or timed out), the card's id on 201, else the problem's code or the error.</summary>
public sealed record CardAnswer(HttpStatusCode? Status, string? CardId, string? Code, bool Replayed)
{
    public bool Created => Status == HttpStatusCode.Created && CardId is not null;

    /// <summary>For histograms: "201", "503 timeout", "409 idempotency.in-progress", "HttpRequestException".</summary>
    public string Kind => Status is null ? Code ?? "no answer" : $"{(int)Status} {Code}".Trim();

    public static async Task<CardAnswer> SendAsync(HttpClient client, CardRequest request)
    {
        try
        {
            using var message = request.Message();
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var replayed = response.Headers.Contains("Idempotent-Replayed");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return new CardAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("id").GetString(), null, replayed);
            }

            string? code = null;
            try
            {
                code = JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            }
            catch (JsonException)
            {
                // Not a problem document.
            }

            return new CardAnswer(response.StatusCode, null, code, replayed);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new CardAnswer(null, null, exception.GetType().Name, false);
        }
    }

    /// <summary>"201: 1,900, 503 timeout: 80, ..." in descending order.</summary>
    public static string Histogram(IEnumerable<CardAnswer> answers)
        => string.Join(", ", answers.GroupBy(a => a.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}"));
}

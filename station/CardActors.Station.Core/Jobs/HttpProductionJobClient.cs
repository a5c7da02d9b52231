using System.Net.Http.Json;
using System.Text.Json;
using CardActors.Station.Personalization;

namespace CardActors.Station.Jobs;

/// <summary>
/// The job contract over the API: <c>POST /production/jobs/{jobId}/claim</c> and
/// <c>POST /production/jobs/{jobId}/result</c>, authenticated with the station's API key. The
/// claim is never retried blindly: each claim generates new secrets, and the answer carries them.
/// </summary>
public sealed class HttpProductionJobClient(HttpClient http, string apiKey, string? stationId) : IProductionJobClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<WorkOrder> ClaimAsync(string jobId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"production/jobs/{Uri.EscapeDataString(jobId)}/claim")
        {
            Content = Body(new { stationId }),
        };
        using var response = await SendAsync(request, $"claim job {jobId}", cancellationToken);
        var claim = await response.Content.ReadFromJsonAsync<ClaimResponse>(Json, cancellationToken)
            ?? throw new ProductionJobException($"The claim of job {jobId} came back empty.");
        return WorkOrderAdapter.FromClaim(jobId, claim);
    }

    public async Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"production/jobs/{Uri.EscapeDataString(jobId)}/result")
        {
            Content = Body(new { succeeded = report.Succeeded, cardSerial = report.CardSerial, failureReason = report.FailureReason, certificateSerials = report.CertificateSerials }),
        };

        // No Idempotency-Key: the API takes the same result twice without harm, so a retry needs none.
        using var response = await SendAsync(request, $"report the result of job {jobId}", cancellationToken);
    }

    /// <summary>A JSON body with its length known, not streamed: some proxies refuse chunked requests.</summary>
    private static StringContent Body(object value) => new(JsonSerializer.Serialize(value, Json), System.Text.Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
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

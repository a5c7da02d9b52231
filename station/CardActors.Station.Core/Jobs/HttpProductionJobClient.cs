using System.Net.Http.Json;
using CardActors.Station.Personalization;

namespace CardActors.Station.Jobs;

/// <summary>
/// The job contract over the API, authenticated with the station's API key:
/// <c>POST /production/jobs/{jobId}/claim</c>, <c>POST /production/jobs/{jobId}/certificates</c>
/// (the cluster's CA certifies a key generated on the card) and <c>POST /production/jobs/{jobId}/result</c>.
/// The claim is never retried blindly: each claim generates new secrets, and the answer carries them.
/// </summary>
public sealed class HttpProductionJobClient(HttpClient http, string apiKey, string? stationId) : IProductionJobClient, ICertificateIssuer
{
    public async Task<WorkOrder> ClaimAsync(string jobId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"production/jobs/{Uri.EscapeDataString(jobId)}/claim")
        {
            Content = ApiRequests.Body(new { stationId }),
        };
        using var response = await ApiRequests.SendAsync(http, apiKey, request, $"claim job {jobId}", cancellationToken);
        var claim = await response.Content.ReadFromJsonAsync<ClaimResponse>(ApiRequests.Json, cancellationToken)
            ?? throw new ProductionJobException($"The claim of job {jobId} came back empty.");
        return WorkOrderAdapter.FromClaim(jobId, claim);
    }

    public async Task<byte[]> IssueAsync(CertificateIssueRequest request, CancellationToken cancellationToken)
    {
        // A retry would only issue another certificate, which supersedes (and so revokes) this one: harmless.
        var issued = await ApiRequests.PostAsync<IssuedCertificateResponse>(http, apiKey, $"production/jobs/{Uri.EscapeDataString(request.JobId)}/certificates",
            new { slot = request.Slot, publicKey = Convert.ToBase64String(request.SubjectPublicKeyInfo) }, $"get the certificate for slot {request.Slot} of job {request.JobId}", cancellationToken);
        return Convert.FromBase64String(issued.Certificate);
    }

    public async Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"production/jobs/{Uri.EscapeDataString(jobId)}/result")
        {
            Content = ApiRequests.Body(new { succeeded = report.Succeeded, cardSerial = report.CardSerial, failureReason = report.FailureReason, certificateSerials = report.CertificateSerials }),
        };

        // No Idempotency-Key: the API takes the same result twice without harm, so a retry needs none.
        using var response = await ApiRequests.SendAsync(http, apiKey, request, $"report the result of job {jobId}", cancellationToken);
    }
}

using CardActors.Api.Idempotency;
using CardActors.Api.Problems;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>
/// Production jobs as a station reports them: claim a job (and get its secrets, once), then report
/// its result. A job id is <c>{cardId}.{attempt}</c>, so it names its card grain.
/// </summary>
internal static class ProductionJobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/production/jobs").WithTags("Production jobs");

        jobs.MapGet("/{jobId}", (string jobId, IGrainFactory g) => Card(g, jobId).GetJobAsync(jobId)).RequireRoles(Station, Operator, Ops)
            .WithSummary("A production job");
        jobs.MapPost("/{jobId}/claim", (string jobId, StationBody? body, IGrainFactory g, HttpContext http) =>
            {
                new RequestValidation().Text("stationId", body?.StationId, required: false).ThrowIfInvalid();
                return Card(g, jobId).ClaimJobAsync(jobId, CallingStation(http, body?.StationId));
            }).RequireRoles(Station)
            .WithoutIdempotencyRecord()
            .WithSummary("Claim a job")
            .WithDescription("pending (or claimed) → claimed; returns the PIN, PUK and management key, newly generated, once. The station is the API key's name "
                + "(a stationId in the body must match it); a job assigned to or claimed by another station is 403 job.other-station.");
        jobs.MapPost("/{jobId}/certificates", async (string jobId, CertificateRequestBody body, IGrainFactory g, HttpContext http) =>
            {
                new RequestValidation().Text("slot", body.Slot).Text("publicKey", body.PublicKey).ThrowIfInvalid();
                byte[] key;
                try
                {
                    key = Convert.FromBase64String(body.PublicKey);
                }
                catch (FormatException)
                {
                    throw new ValidationFailedException("publicKey", "must be base64 DER SubjectPublicKeyInfo");
                }

                var issued = await Card(g, jobId).IssueCertificateAsync(jobId, CallingStation(http, null), new CardCertificateRequest(body.Slot, key));
                return new IssuedCertificateResponse(issued.Serial, issued.Slot, issued.Template, Convert.ToBase64String(issued.Certificate));
            }).RequireRoles(Station)
            .WithoutIdempotencyRecord()
            .WithSummary("Get the certificate of a key generated on the card")
            .WithDescription("For a claimed job, from the station that claimed it (else 403 job.other-station). The cluster's CA signs the key (base64 DER SubjectPublicKeyInfo) "
                + "with the certificate template of the slot in the job's profile; the card records the serial, and the certificate's status follows the card. "
                + "Asking again for a slot issues a new certificate and revokes the earlier one when the job is done.");
        jobs.MapPost("/{jobId}/result", (string jobId, JobResultBody body, IGrainFactory g, HttpContext http) =>
            {
                new RequestValidation()
                    .Check("cardSerial", !body.Succeeded || !string.IsNullOrWhiteSpace(body.CardSerial), "Required when succeeded is true.")
                    .Check("failureReason", body.Succeeded || !string.IsNullOrWhiteSpace(body.FailureReason), "Required when succeeded is false.")
                    .List("certificateSerials", body.CertificateSerials, required: false)
                    .ThrowIfInvalid();
                return Card(g, jobId).CompleteJobAsync(jobId, CallingStation(http, null), new ProductionJobResult(body.Succeeded, body.CardSerial, body.FailureReason, body.CertificateSerials));
            }).RequireRoles(Station)
            .WithSummary("Report a claimed job's result")
            .WithDescription("Only from the station that claimed the job (else 403 job.other-station). Idempotent: the same result again changes nothing. "
                + "On success the card takes the job's transition (issued, unassigned, active).");
    }

    /// <summary>
    /// The station is who the API key says it is, never what a body says: otherwise one station's key
    /// could claim another station's jobs (and void the card it is encoding) by naming it.
    /// </summary>
    private static string CallingStation(HttpContext http, string? claimed)
    {
        var station = http.User.Identity?.Name;
        if (string.IsNullOrEmpty(station))
        {
            throw new InvalidOperationException("A station endpoint ran without an authenticated key.");
        }

        if (claimed is not null && !string.Equals(claimed, station, StringComparison.Ordinal))
        {
            throw new DomainException(ApiErrorCodes.StationMismatch, ErrorKind.Forbidden, $"The key of station {station} cannot act as station {claimed}.",
                new Dictionary<string, string> { ["stationId"] = claimed, ["keyStation"] = station });
        }

        return station;
    }

    private static ICardProductionGrain Card(IGrainFactory grains, string jobId)
    {
        var dot = jobId.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new DomainException(ErrorCodes.JobNotFound, ErrorKind.NotFound, $"Job {jobId} does not exist: job ids are {{cardId}}.{{attempt}}.", new Dictionary<string, string> { ["jobId"] = jobId });
        }

        return grains.GetGrain<ICardProductionGrain>(jobId[..dot]);
    }
}

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

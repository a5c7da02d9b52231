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
                var station = body?.StationId ?? http.User.Identity?.Name ?? "station";
                return Card(g, jobId).ClaimJobAsync(jobId, station);
            }).RequireRoles(Station)
            .WithSummary("Claim a job").WithDescription("pending (or claimed) → claimed; returns the PIN, PUK and management key, newly generated, once. stationId defaults to the key's name.");
        jobs.MapPost("/{jobId}/result", (string jobId, JobResultBody body, IGrainFactory g) =>
            {
                new RequestValidation()
                    .Check("cardSerial", !body.Succeeded || !string.IsNullOrWhiteSpace(body.CardSerial), "Required when succeeded is true.")
                    .Check("failureReason", body.Succeeded || !string.IsNullOrWhiteSpace(body.FailureReason), "Required when succeeded is false.")
                    .List("certificateSerials", body.CertificateSerials, required: false)
                    .ThrowIfInvalid();
                return Card(g, jobId).CompleteJobAsync(jobId, new ProductionJobResult(body.Succeeded, body.CardSerial, body.FailureReason, body.CertificateSerials));
            }).RequireRoles(Station)
            .WithSummary("Report a claimed job's result").WithDescription("Idempotent: the same result again changes nothing. On success the card takes the job's transition (issued, unassigned, active).");
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

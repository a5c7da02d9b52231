using CardActors.Grains;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;

namespace CardActors.Station.Cluster;

/// <summary>
/// The job contract as grain calls, for a station that is a cluster client: claim
/// (<see cref="ICardProductionGrain.ClaimJobAsync"/>), certificates (<see cref="ICardProductionGrain.IssueCertificateAsync"/>)
/// and the result (<see cref="ICardProductionGrain.CompleteJobAsync"/>) on the job's card grain. The
/// audit names the operator <c>station:&lt;id&gt;</c>. A refusal or an unreachable cluster becomes a
/// <see cref="ProductionJobException"/>, as over HTTP.
/// A call that fails because the cluster is restarting or failing over (Orleans' connection and
/// timeout errors) is tried again with <see cref="BackOff"/> for up to <paramref name="reconnectLimit"/>:
/// every call is safe to repeat (a claim by the same station again hands out new secrets before any card
/// was touched, a certificate is issued again, a result is idempotent). A refusal is never retried.
/// With <paramref name="pushed"/>, the jobs came from the station's line (<see cref="LineJobFeed"/>): claim
/// and result go through the station's grain (<see cref="IStationGrain"/>), which holds the job and
/// frees the station for the next one.
/// </summary>
internal sealed class OrleansProductionJobClient(IClusterClient cluster, string stationId, TimeSpan reconnectLimit = default, bool pushed = false) : IProductionJobClient, ICertificateIssuer
{
    private IStationGrain Station => cluster.GetGrain<IStationGrain>(stationId);

    public Task<WorkOrder> ClaimAsync(string jobId, CancellationToken cancellationToken)
        => CallAsync($"claim job {jobId}", jobId, async card =>
        {
            var work = pushed ? await Station.ClaimJobAsync(jobId) : await card.ClaimJobAsync(jobId, stationId);
            var job = work.Job;
            var slots = job.Profile.KeySlots.Select(s => new ClaimedKeySlot(s.Slot, s.Algorithm, s.CertificateTemplate)).ToList();
            return WorkOrderAdapter.FromClaim(jobId, new ClaimResponse(
                new ClaimedJob(job.JobId, job.CardId, job.Encode, new ClaimedProfile(job.Profile.Application, slots, job.Profile.ManagementKeyAlgorithm)),
                work.Pin, work.Puk, work.ManagementKey));
        }, cancellationToken);

    public Task<byte[]> IssueAsync(CertificateIssueRequest request, CancellationToken cancellationToken)
        => CallAsync($"get the certificate for slot {request.Slot} of job {request.JobId}", request.JobId, async card =>
            (await card.IssueCertificateAsync(request.JobId, stationId, new CardCertificateRequest(request.Slot, request.SubjectPublicKeyInfo))).Certificate, cancellationToken);

    public Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
        => CallAsync($"report the result of job {jobId}", jobId, card =>
        {
            var result = new ProductionJobResult(report.Succeeded, report.CardSerial, report.FailureReason, report.CertificateSerials);
            return pushed ? Station.CompleteJobAsync(jobId, result) : card.CompleteJobAsync(jobId, stationId, result);
        }, cancellationToken);

    private async Task<T> CallAsync<T>(string what, string jobId, Func<ICardProductionGrain, Task<T>> call, CancellationToken cancellationToken)
    {
        var dot = jobId.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new ProductionJobException($"Could not {what}: job ids are {{cardId}}.{{attempt}}.");
        }

        // RequestContext is ambient per async flow: set here, it travels with this call only.
        DomainRequestContext.SetOperator($"station:{stationId}");
        DomainRequestContext.SetCorrelationId(Guid.NewGuid().ToString("N"));
        var backOff = new BackOff(reconnectLimit);
        while (true)
        {
            try
            {
                return await call(cluster.GetGrain<ICardProductionGrain>(jobId[..dot]));
            }
            catch (DomainException e)
            {
                throw new ProductionJobException($"Could not {what}: {e.Code}: {e.Message}", e);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                if (!await backOff.WaitAsync(cancellationToken))
                {
                    throw new ProductionJobException($"Could not {what}: the cluster cannot be reached ({e.Message}).", e);
                }
            }
        }
    }
}

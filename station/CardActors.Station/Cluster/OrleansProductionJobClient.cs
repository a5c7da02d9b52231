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
/// </summary>
internal sealed class OrleansProductionJobClient(IClusterClient cluster, string stationId) : IProductionJobClient, ICertificateIssuer
{
    public Task<WorkOrder> ClaimAsync(string jobId, CancellationToken cancellationToken)
        => CallAsync($"claim job {jobId}", jobId, async card =>
        {
            var work = await card.ClaimJobAsync(jobId, stationId);
            var job = work.Job;
            var slots = job.Profile.KeySlots.Select(s => new ClaimedKeySlot(s.Slot, s.Algorithm, s.CertificateTemplate)).ToList();
            return WorkOrderAdapter.FromClaim(jobId, new ClaimResponse(
                new ClaimedJob(job.JobId, job.CardId, job.Encode, new ClaimedProfile(job.Profile.Application, slots, job.Profile.ManagementKeyAlgorithm)),
                work.Pin, work.Puk, work.ManagementKey));
        });

    public Task<byte[]> IssueAsync(CertificateIssueRequest request, CancellationToken cancellationToken)
        => CallAsync($"get the certificate for slot {request.Slot} of job {request.JobId}", request.JobId, async card =>
            (await card.IssueCertificateAsync(request.JobId, stationId, new CardCertificateRequest(request.Slot, request.SubjectPublicKeyInfo))).Certificate);

    public Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
        => CallAsync($"report the result of job {jobId}", jobId, card =>
            card.CompleteJobAsync(jobId, stationId, new ProductionJobResult(report.Succeeded, report.CardSerial, report.FailureReason, report.CertificateSerials)));

    private async Task<T> CallAsync<T>(string what, string jobId, Func<ICardProductionGrain, Task<T>> call)
    {
        var dot = jobId.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new ProductionJobException($"Could not {what}: job ids are {{cardId}}.{{attempt}}.");
        }

        // RequestContext is ambient per async flow: set here, it travels with this call only.
        DomainRequestContext.SetOperator($"station:{stationId}");
        DomainRequestContext.SetCorrelationId(Guid.NewGuid().ToString("N"));
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
            throw new ProductionJobException($"Could not {what}: the cluster cannot be reached ({e.Message}).", e);
        }
    }
}

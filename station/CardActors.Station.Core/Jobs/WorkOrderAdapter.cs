using CardActors.Station.Personalization;

namespace CardActors.Station.Jobs;

/// <summary>From the job contract's claim answer to the station's <see cref="WorkOrder"/>.</summary>
internal static class WorkOrderAdapter
{
    public static WorkOrder FromClaim(string jobId, ClaimResponse claim)
    {
        var job = claim.Job ?? throw new ProductionJobException($"The claim of job {jobId} came back without the job.");
        var profile = job.Profile;
        if (job.Encode && !string.Equals(profile?.Application ?? "PIV", "PIV", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProductionJobException($"Job {jobId} wants application \"{profile?.Application}\"; this station personalizes PIV only.");
        }

        var slots = (profile?.KeySlots ?? []).Select(s => new SlotRequest(s.Slot, s.Algorithm, s.CertificateTemplate)).ToList();
        return new WorkOrder(job.JobId, job.CardId, job.Encode, slots, profile?.ManagementKeyAlgorithm ?? "AES256", claim.Pin, claim.Puk, claim.ManagementKey);
    }
}

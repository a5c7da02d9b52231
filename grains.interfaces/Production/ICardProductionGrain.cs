using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains;

/// <summary>
/// The station side of production jobs, on the card grain (keyed by card id, either kind). A job
/// goes pending → claimed → done or failed. Completing is idempotent: the same result again is
/// accepted and changes nothing. On done the card takes the job's transition (issued, unassigned,
/// active); on failed the card stays as it was and keeps nothing of the job. Stations call it as
/// cluster clients: a station that signed the call may act only as itself (<c>station.identity-mismatch</c>).
/// </summary>
[StationCallable]
[Alias("CardActors.ICardProductionGrain")]
public interface ICardProductionGrain : IGrainWithStringKey
{
    /// <summary>The job, or <c>job.not-found</c>.</summary>
    [ReadOnly]
    [Alias("GetJobAsync")]
    Task<ProductionJob> GetJobAsync(string jobId);

    /// <summary>
    /// Takes a pending (or re-takes a claimed) job for <paramref name="stationId"/> and returns its
    /// secrets, newly generated: see <see cref="ProductionWork"/>. <c>conflict.job-state</c> when done,
    /// failed or cancelled; <c>job.other-station</c> when the job is assigned to, or claimed by,
    /// another station.
    /// </summary>
    [Alias("ClaimJobAsync")]
    Task<ProductionWork> ClaimJobAsync(string jobId, string stationId);

    /// <summary>
    /// The certificate of a key the station generated on the card for a claimed job, issued by the
    /// cluster's CA from the template of <see cref="CardCertificateRequest.Slot"/> in the job's
    /// profile. Only for the station that claimed the job (<c>job.other-station</c>); <c>conflict.job-state</c>
    /// unless claimed; <c>validation.failed</c> for a slot outside the profile or a bad key. The card
    /// records the serial: the certificate's status follows the card once the job is done, and it is
    /// revoked when the job fails or the slot gets another certificate.
    /// </summary>
    [Alias("IssueCertificateAsync")]
    Task<IssuedCertificate> IssueCertificateAsync(string jobId, string stationId, CardCertificateRequest request);

    /// <summary>
    /// Reports a claimed job's result, from the station that claimed it (<c>job.other-station</c>
    /// otherwise); <c>conflict.job-state</c> when it was not claimed or finished otherwise.
    /// </summary>
    [Alias("CompleteJobAsync")]
    Task<CardDetails> CompleteJobAsync(string jobId, string stationId, ProductionJobResult result);
}

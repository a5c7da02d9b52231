using System.Globalization;
using CardActors.Grains.Configuration;
using CardActors.Grains.Security;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Cards;

/// <summary>
/// The steps of a production job and what each does to the card record, without the grain: a job is
/// made from a configuration version, claimed with new secrets, and finished done, failed or voided
/// (misprinted). Pure but for the random secrets, so each rule can be tested on its own.
/// </summary>
internal static class ProductionJobs
{
    /// <summary>
    /// The next job of <paramref name="card"/> for <paramref name="transition"/>, with the values of the
    /// configuration version the use case started under (<paramref name="config"/>).
    /// </summary>
    public static JobRecord New(string cardId, CardRecord card, CardTransition transition, ConfigurationSnapshot config, string? stationId, string? batchId, DateTimeOffset now)
    {
        var type = config.CardType(card.CardType);
        var options = type.OptionsOf(transition.UseCase);

        // Permanent cards are always encoded; temporary ones may be print-only, and then carry no keys or certificates.
        var encode = card.Kind == CardKind.Permanent || options.EncodeTemporaryCard;
        IReadOnlyList<string> certificates = !encode ? [] : options.Certificates.Count > 0 ? options.Certificates : [.. type.Profile.KeySlots.Select(k => k.CertificateTemplate)];
        var attempt = card.Jobs.Count + 1;
        var job = new ProductionJob(
            $"{cardId}.{attempt.ToString(CultureInfo.InvariantCulture)}", cardId, card.Kind, card.CardType, transition.UseCase, attempt, ProductionJobStatus.Pending,
            batchId, stationId, config.Version, type.Profile, options.PinLength, options.PukLength, encode, certificates, now, null, null, null, null);
        return new JobRecord(job, transition.To, transition.Condition);
    }

    /// <summary>
    /// The job claimed by <paramref name="stationId"/>, and the secrets the station gets once. New
    /// secrets on every claim: a card half-made under an earlier claim is worthless.
    /// </summary>
    public static (JobRecord Claimed, ProductionWork Work) Claim(JobRecord record, string stationId, DateTimeOffset now, SecretProtector secrets)
    {
        EnsureNotCancelled(record.Job);
        if (record.Job.Status is not (ProductionJobStatus.Pending or ProductionJobStatus.Claimed))
        {
            throw DomainErrors.JobState(record.Job.JobId, record.Job.Status, "claimed");
        }

        EnsureStation(record.Job, stationId);

        var claimed = record with { Job = record.Job with { Status = ProductionJobStatus.Claimed, StationId = stationId, ClaimedAt = now } };
        if (!record.Job.Encode)
        {
            return (claimed, new ProductionWork(claimed.Job, null, null, null));
        }

        var cardId = record.Job.CardId;
        var pin = CardSecrets.Digits(record.Job.PinLength);
        var puk = CardSecrets.Digits(record.Job.PukLength);
        var managementKey = CardSecrets.ManagementKey();
        claimed = claimed with
        {
            EncryptedPuk = secrets.Protect(puk, cardId),
            EncryptedManagementKey = secrets.Protect(managementKey, cardId),
        };
        return (claimed, new ProductionWork(claimed.Job, pin, puk, managementKey));
    }

    /// <summary>
    /// <c>job.other-station</c> unless <paramref name="stationId"/> may act on the job: a job assigned
    /// to a station (or claimed by one) is that station's alone. Otherwise a second station's claim
    /// would hand out fresh secrets and void the card the first is encoding, and any station could
    /// report a result for a card it never held.
    /// </summary>
    public static void EnsureStation(ProductionJob job, string stationId)
    {
        if (job.StationId is { } owner && !string.Equals(owner, stationId, StringComparison.Ordinal))
        {
            throw DomainErrors.OtherStation(job.JobId, stationId, owner);
        }
    }

    /// <summary>
    /// <c>job.cancelled</c> for a job its card abandoned: a station still holding it is told plainly
    /// that its work no longer counts, rather than a generic job-state conflict.
    /// </summary>
    public static void EnsureNotCancelled(ProductionJob job)
    {
        if (job.Status == ProductionJobStatus.Cancelled)
        {
            throw DomainErrors.JobCancelled(job);
        }
    }

    /// <summary>
    /// The card without its open job when <paramref name="useCase"/> leaves that job's use case
    /// (withdraw, lock, expire, a user's lock, abort), else null. Cancelled in the same commit as the
    /// transition: left open, the job would block the card for good (no new job while one is open) and
    /// its completion would fail against the card's new state. The claim's secrets go with it, as with
    /// a failed job: nothing of the abandoned work may stay valid.
    /// </summary>
    public static (CardRecord Card, ProductionJob Cancelled)? CancelOpenJob(CardRecord card, string useCase, DateTimeOffset now)
    {
        if (!card.HasOpenJob || card.LatestJob is not { } open || open.Job.UseCase == useCase)
        {
            return null;
        }

        var cancelled = new JobRecord(open.Job with { Status = ProductionJobStatus.Cancelled, CompletedAt = now, FailureReason = useCase }, open.ToState, open.Condition);
        return (card with { Jobs = Replace(card.Jobs, cancelled) }, cancelled.Job);
    }

    /// <summary>The result was reported before: a station that resends it (it did not see the answer) changes nothing.</summary>
    public static bool IsRepeated(ProductionJob job, ProductionJobResult result)
        => (job.Status == ProductionJobStatus.Done && result.Succeeded && result.CardSerial == job.CardSerial)
           || (job.Status == ProductionJobStatus.Failed && !result.Succeeded);

    /// <summary><c>conflict.job-state</c> unless the job is claimed; <c>validation.failed</c> for a result without its serial or reason.</summary>
    public static void EnsureCompletable(ProductionJob job, ProductionJobResult result)
    {
        EnsureNotCancelled(job);
        if (job.Status != ProductionJobStatus.Claimed)
        {
            throw DomainErrors.JobState(job.JobId, job.Status, "completed");
        }

        if (result.Succeeded && string.IsNullOrWhiteSpace(result.CardSerial))
        {
            throw new ValidationFailedException("cardSerial", "required when the job succeeded");
        }

        if (!result.Succeeded && string.IsNullOrWhiteSpace(result.FailureReason))
        {
            throw new ValidationFailedException("failureReason", "required when the job failed");
        }
    }

    /// <summary>
    /// The failed job. Its secrets go with it: they were only ever the record's, never the card's,
    /// so the card keeps nothing of the job.
    /// </summary>
    public static JobRecord Failed(JobRecord record, string? reason, DateTimeOffset now)
        => new(record.Job with { Status = ProductionJobStatus.Failed, CompletedAt = now, FailureReason = reason }, record.ToState, record.Condition);

    /// <summary>
    /// The card with the job done: the serial, certificates and (when encoded) secrets of the card the
    /// station made. The secrets move to the card: the done job's copies would never be read again, and
    /// would be stored again with every write of the card.
    /// </summary>
    public static CardRecord Done(CardRecord card, JobRecord record, ProductionJobResult result, DateTimeOffset now)
    {
        var job = record.Job;
        var done = record with
        {
            Job = job with { Status = ProductionJobStatus.Done, CompletedAt = now, CardSerial = result.CardSerial },
            EncryptedPuk = null,
            EncryptedManagementKey = null,
        };
        return card with
        {
            Jobs = Replace(card.Jobs, done),
            Serial = result.CardSerial,
            Certificates = result.CertificateSerials ?? [],
            EncryptedPuk = job.Encode ? record.EncryptedPuk : card.EncryptedPuk,
            EncryptedManagementKey = job.Encode ? record.EncryptedManagementKey : card.EncryptedManagementKey,
            BatchId = job.BatchId ?? card.BatchId,
        };
    }

    /// <summary>
    /// The card after its done job was found misprinted: the job counts as failed (it keeps the serial
    /// of the card it made, as history), the physical card is void: its serial is recorded as voided,
    /// its certificates are dropped (revoked), and its PUK and management key are forgotten
    /// so nothing can unblock or administer it any more.
    /// </summary>
    public static CardRecord Voided(CardRecord card, JobRecord record, string reason, DateTimeOffset now)
    {
        var voided = record with
        {
            Job = record.Job with { Status = ProductionJobStatus.Failed, CompletedAt = now, FailureReason = reason },
            EncryptedPuk = null,
            EncryptedManagementKey = null,
        };
        return card with
        {
            Jobs = Replace(card.Jobs, voided),
            Serial = null,
            Certificates = [],
            EncryptedPuk = null,
            EncryptedManagementKey = null,
            VoidedSerials = record.Job.CardSerial is { } serial ? [.. card.VoidedSerials, serial] : card.VoidedSerials,
            LastReason = reason,
        };
    }

    public static IReadOnlyList<JobRecord> Replace(IReadOnlyList<JobRecord> jobs, JobRecord job) => [.. jobs.Select(j => j.Job.JobId == job.Job.JobId ? job : j)];
}

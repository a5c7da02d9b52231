namespace CardActors.Grains.Cards;

/// <summary>
/// The certificates of a job's keys: a station asks the card, the card asks the CA with the
/// template of the slot in the job's profile and records the serial (<see cref="JobRecord.Issued"/>),
/// so that the certificate's status follows the card (<see cref="CardCertificates"/>).
/// </summary>
public sealed partial class CardGrain
{
    private ICertificateAuthorityGrain CertificateAuthority => GrainFactory.GetGrain<ICertificateAuthorityGrain>(ICertificateAuthorityGrain.DefaultKey);

    public async Task<IssuedCertificate> IssueCertificateAsync(string jobId, string stationId, CardCertificateRequest request)
    {
        CardCommandChecks.EnsureActingStation(stationId);
        var record = FindJob(jobId);
        var job = record.Job;
        ProductionJobs.EnsureStation(job, stationId);
        ProductionJobs.EnsureNotCancelled(job);
        if (job.Status != ProductionJobStatus.Claimed)
        {
            throw DomainErrors.JobState(jobId, job.Status, "given certificates");
        }

        if (request.SubjectPublicKeyInfo is not { Length: > 0 })
        {
            throw new ValidationFailedException("publicKey", "required");
        }

        var slot = job.Profile.KeySlots.FirstOrDefault(s => string.Equals(s.Slot, request.Slot, StringComparison.OrdinalIgnoreCase));
        if (!job.Encode || slot is null)
        {
            throw new ValidationFailedException("slot", job.Encode
                ? $"must be a slot of the job's profile ({string.Join(", ", job.Profile.KeySlots.Select(s => s.Slot))})"
                : "the job encodes nothing, so it has no certificates");
        }

        if (job.Certificates.Count > 0 && !job.Certificates.Contains(slot.CertificateTemplate, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException("slot", $"the job issues no certificate from template {slot.CertificateTemplate}");
        }

        var issued = await CertificateAuthority.IssueAsync(
            new CertificateIssueCommand(Id, jobId, Card.UserId, slot.Slot, slot.Algorithm, slot.CertificateTemplate, request.SubjectPublicKeyInfo));

        // Recorded after the CA stored it: a crash in between leaves a certificate on no card, valid
        // but for a key that the station's retry wipes (a new claim revokes nothing it does not know).
        var card = Card;
        var withCertificate = FindJob(jobId) with { Issued = [.. record.Issued ?? [], new JobCertificate(slot.Slot, issued.Serial)] };
        await CommitAsync(Step(card, card with { Jobs = ProductionJobs.Replace(card.Jobs, withCertificate) }, job.UseCase, card.State,
            new { step = "certificate-issued", jobId, slot = slot.Slot, template = slot.CertificateTemplate, serial = issued.Serial }));
        return issued;
    }
}

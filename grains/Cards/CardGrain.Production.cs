using CardActors.Grains.Configuration;
using CardActors.Grains.Internal;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Cards;

/// <summary>
/// <see cref="ICardProductionGrain"/>: the station's side of production jobs; and the jobs batch orders
/// ask for (<see cref="ICardCoordinationGrain.StartBatchJobAsync"/>, and Repeat production of a
/// misprinted card, <see cref="ICardCoordinationGrain.RepeatMisprintedAsync"/>). The job's own rules
/// are in <see cref="ProductionJobs"/>.
/// </summary>
public sealed partial class CardGrain
{
    public Task<ProductionJob> GetJobAsync(string jobId) => Task.FromResult(FindJob(jobId).Job);

    public async Task<ProductionWork> ClaimJobAsync(string jobId, string stationId)
    {
        CardCommandChecks.EnsureActingStation(stationId);
        var record = FindJob(jobId);
        var (claimed, work) = ProductionJobs.Claim(record, stationId, _time.GetUtcNow(), _secrets);

        // Certificates of an earlier claim were for keys on a card that is wiped now: dropping them revokes them.
        claimed = claimed with { Issued = null };
        var card = Card;

        // The claim binds an unbound job to its station (a line's offer records nothing on the card, see AssignJobAsync).
        var station = record.Job.StationId is null ? stationId : card.StationId;
        await CommitAsync(Step(card, card with { Jobs = ProductionJobs.Replace(card.Jobs, claimed), StationId = station }, record.Job.UseCase, card.State,
            new { step = "job-claimed", jobId, stationId, attempt = record.Job.Attempt }));
        return work;
    }

    public Task<CardDetails> CompleteJobAsync(string jobId, string stationId, ProductionJobResult result)
        => ReleasingOnFailureAsync(() => CompleteJobCoreAsync(jobId, stationId, result));

    private async Task<CardDetails> CompleteJobCoreAsync(string jobId, string stationId, ProductionJobResult result)
    {
        CardCommandChecks.EnsureActingStation(stationId);
        var record = FindJob(jobId);
        var job = record.Job;
        ProductionJobs.EnsureStation(job, stationId);
        if (ProductionJobs.IsRepeated(job, result))
        {
            return CardViews.Details(Id, Card);
        }

        ProductionJobs.EnsureCompletable(job, result);
        var card = Card;
        var now = _time.GetUtcNow();
        if (!result.Succeeded)
        {
            // Nothing of the failed card is kept: its secrets go, the card keeps its state.
            return await CommitAsync(Step(card, card with { Jobs = ProductionJobs.Replace(card.Jobs, ProductionJobs.Failed(record, result.FailureReason, now)) }, job.UseCase, card.State,
                new { step = "job-failed", jobId, reason = result.FailureReason, stationId = job.StationId }));
        }

        var transition = Table.Resolve(Id, job.UseCase, card.State, record.Condition);
        var options = await PinnedOptionsAsync(job.ConfigVersion, card.CardType, job.UseCase);
        try
        {
            await CheckPreconditionsAsync(card, transition, options);
        }
        catch (DomainException refused) when (IsUserRefusal(refused))
        {
            // The user was locked (or got another active card) while the card was being made: the
            // card made is not put into service; the job counts as failed, so nothing is half-valid.
            return await CompleteJobCoreAsync(jobId, stationId, ProductionJobResult.Failed($"{refused.Code}: {refused.Message}"));
        }

        return await CommitAsync(Transit(card, transition, c => CardCertificates.Done(ProductionJobs.Done(c, record, result, now), record),
            new { step = "job-done", jobId, serial = result.CardSerial, stationId = job.StationId, attempt = job.Attempt, configVersion = job.ConfigVersion }));
    }

    public Task<ProductionJob> StartBatchJobAsync(BatchJobRequest request) => ReleasingOnFailureAsync(() => StartBatchJobCoreAsync(request));

    private async Task<ProductionJob> StartBatchJobCoreAsync(BatchJobRequest request)
    {
        var card = Existing();
        if (card.LatestJob is { } latest && latest.Job.BatchId == request.BatchId && latest.Job.Status is not (ProductionJobStatus.Failed or ProductionJobStatus.Cancelled))
        {
            // Asked again (the batch grain retried after a crash): the job exists already.
            return latest.Job;
        }

        Table.EnsureAllowed(Id, request.UseCase, card.State);
        EnsureNoOpenJob(card);
        await CommitAsync(await WithBatchJobAsync(card, request));
        return Card.LatestJob!.Job;
    }

    public Task<ProductionJob> RepeatMisprintedAsync(BatchJobRequest request, string reason) => ReleasingOnFailureAsync(() => RepeatMisprintedCoreAsync(request, reason));

    private async Task<ProductionJob> RepeatMisprintedCoreAsync(BatchJobRequest request, string reason)
    {
        var card = Existing();
        var useCase = card.Kind == CardKind.Permanent ? UseCases.CardsBoProcVoidMisprinted : UseCases.TempCardsBoProcVoidMisprinted;
        Table.EnsureAllowed(Id, useCase, card.State);
        EnsureNoOpenJob(card);
        if (card.LatestJob is not { Job: { Status: ProductionJobStatus.Done } made } record || made.BatchId != request.BatchId)
        {
            // The card in the holder's hands is not the one this batch made (it was made again since, or elsewhere).
            throw DomainErrors.NotMadeByBatch(Id, request.BatchId, card.LatestJob?.Job.JobId);
        }

        var transition = Table.Resolve(Id, useCase, card.State);
        var voided = Transit(card, transition, c => ProductionJobs.Voided(c, record, $"misprinted: {reason}", _time.GetUtcNow()) with { EncryptedPendingPuk = null },
            new { step = "misprinted", batchId = request.BatchId, jobId = made.JobId, voidedSerial = made.CardSerial, revokedCertificates = card.Certificates, reason });
        CardRecord next;
        try
        {
            next = await WithBatchJobAsync(voided, request);
        }
        catch (DomainException refused) when (IsUserRefusal(refused))
        {
            // The bad card is voided whatever happens to its user: it must not stay valid. Without a
            // new job the item reads as failed, and Repeat production of failed items makes one later.
            next = voided;
        }

        await CommitAsync(next);
        return Card.LatestJob!.Job;
    }

    /// <summary>
    /// <paramref name="card"/> with the step that adds the batch's job, under the batch's pinned
    /// configuration version. Checks the use case's preconditions (and reserves the user's place).
    /// </summary>
    private async Task<CardRecord> WithBatchJobAsync(CardRecord card, BatchJobRequest request)
    {
        var config = await ConfigGrain.GetVersionAsync(request.ConfigVersion);
        var options = config.OptionsOf(card.CardType, request.UseCase);
        var condition = request.UseCase == UseCases.CardsBoProcIssueMultiple
            ? options.ActivateAfterIssue ? TransitionCondition.ActivateAfterIssue : TransitionCondition.IssueOnly
            : TransitionCondition.Always;
        var transition = CardStateTables.For(card.Kind).Resolve(Id, request.UseCase, card.State, condition);
        await CheckPreconditionsAsync(card, transition, options);
        var job = ProductionJobs.New(Id, card, transition, config, request.StationId, request.BatchId, _time.GetUtcNow());
        return JobCreated(card, card with { BatchId = request.BatchId }, job, request.UseCase);
    }

    /// <summary>
    /// Checks that <paramref name="stationId"/> may take the job and records nothing: the claim binds
    /// the job to its station (<see cref="ProductionJobs.Claim"/>), in the write that hands out the
    /// secrets, so an offer costs the card no write of its own (two with the drain of its user report).
    /// </summary>
    public Task<ProductionJob> AssignJobAsync(string jobId, string stationId)
    {
        CardCommandChecks.EnsureGiven(stationId, "stationId", "required");
        var job = FindJob(jobId).Job;
        ProductionJobs.EnsureNotCancelled(job);
        ProductionJobs.EnsureStation(job, stationId);
        return job.Status is ProductionJobStatus.Pending || (job.Status is ProductionJobStatus.Claimed && job.StationId == stationId)
            ? Task.FromResult(job)
            : throw DomainErrors.JobState(jobId, job.Status, "assigned");
    }

    public async Task<ProductionJob> TakeOverJobAsync(string jobId, string stationId, string reason)
    {
        CardCommandChecks.EnsureGiven(stationId, "stationId", "required");
        var record = FindJob(jobId);
        var job = record.Job;
        if (job.Status is not (ProductionJobStatus.Pending or ProductionJobStatus.Claimed))
        {
            // Finished meanwhile (its result came straight to the card): nothing to take over.
            return job;
        }

        ProductionJobs.EnsureStation(job, stationId);
        var card = Card;
        if (job.Status == ProductionJobStatus.Pending && job.StationId is null)
        {
            // Offered but never claimed, and bound to no station: nothing on the card names the lost station.
            return job;
        }

        if (job.Status == ProductionJobStatus.Pending)
        {
            // Never claimed: no physical card was touched and no secret handed out, so the same job goes to another station.
            var released = record with { Job = job with { StationId = null } };
            await CommitAsync(Step(card, card with { Jobs = ProductionJobs.Replace(card.Jobs, released) }, job.UseCase, card.State,
                new { step = "job-released", jobId, stationId, reason }));
            return released.Job;
        }

        // Claimed: the lost station may hold a half-made card under this claim's secrets. That card is void
        // (the job fails and its certificates are revoked with it), and a new job makes a fresh one.
        var now = _time.GetUtcNow();
        var failed = card with { Jobs = ProductionJobs.Replace(card.Jobs, ProductionJobs.Failed(record, $"voided: the physical card at station {stationId} ({reason})", now)) };
        var config = await ConfigGrain.GetVersionAsync(job.ConfigVersion);
        var next = ProductionJobs.New(Id, failed, Table.Resolve(Id, job.UseCase, card.State, record.Condition), config, null, job.BatchId, now);
        await CommitAsync(Step(card, failed with { Jobs = [.. failed.Jobs, next] }, job.UseCase, card.State,
            new { step = "job-taken-over", jobId, stationId, reason, voidedPhysicalCard = new { stationId, jobId }, newJobId = next.Job.JobId, attempt = next.Job.Attempt }));
        return next.Job;
    }

    private JobRecord FindJob(string jobId)
        => (Card.Exists ? Card.Jobs.FirstOrDefault(j => j.Job.JobId == jobId) : null) ?? throw DomainErrors.JobNotFound(Id, jobId);

    /// <summary>Refusals that come from the card's user, not from the card: a card made meanwhile is not put into service for them.</summary>
    private static bool IsUserRefusal(DomainException refused)
        => refused.Code is ErrorCodes.UserNotActive or ErrorCodes.UserHasActiveCard or ErrorCodes.UserNotFound;
}

namespace CardActors.Grains.Tests;

/// <summary>
/// A card that leaves its job's use case (withdrawn, locked, locked through its user) cancels the open
/// job in the same commit: the job must not block the card for good, and the station's late claim or
/// result is refused without changing anything.
/// </summary>
public sealed class JobCancellationTests : DomainTest
{
    [Fact]
    public async Task Withdrawing_a_card_being_reencoded_cancels_its_job_and_the_card_can_be_reencoded_later()
    {
        var card = await Scenario.TemporaryInAsync(CardState.Assigned);
        Operators.Act(Scenario.Requester);
        var job = (await Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(Reencode: true))).Job!;

        var withdrawn = await Scenario.Temp(card.Id).WithdrawAsync(WithdrawReason.NoLongerNeeded);

        Assert.Equal(CardState.Unassigned, withdrawn.State);
        var cancelled = await Scenario.Production(card.Id).GetJobAsync(job.JobId);
        Assert.Equal((ProductionJobStatus.Cancelled, UseCases.TempCardsProcWithdraw), (cancelled.Status, cancelled.FailureReason));
        var refused = await RefusedAsync(ErrorCodes.JobCancelled, () => Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-1"));
        Assert.Equal(job.JobId, refused.Values["jobId"]);
        await RefusedAsync(ErrorCodes.JobCancelled, () => Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Done("SN-LATE")));
        var unchanged = await Scenario.Temp(card.Id).GetTemporaryAsync();
        Assert.Equal((withdrawn.Version, CardState.Unassigned, ProductionJobStatus.Cancelled), (unchanged.Version, unchanged.State, unchanged.Job!.Status));

        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id));
        var row = audit.Items.Last(r => r.UseCase == UseCases.TempCardsProcWithdraw);
        Assert.Contains($"\"jobId\":\"{job.JobId}\"", row.Details, StringComparison.Ordinal);
        Assert.Contains("cancelledJob", row.Details, StringComparison.Ordinal);

        // No stale open job: the card is assigned and re-encoded again.
        var assigned = await Scenario.Temp(card.Id).AssignAsync(new AssignTemporaryCardCommand(await Scenario.UserAsync()));
        Assert.Equal(CardState.Assigned, assigned.State);
        var again = (await Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(Reencode: true))).Job!;
        Assert.NotEqual(job.JobId, again.JobId);
        var produced = await Scenario.ProduceAsync(card.Id);
        Assert.Equal((CardState.Assigned, ProductionJobStatus.Done), (produced.State, produced.Job!.Status));
    }

    [Fact]
    public async Task Locking_a_card_whose_job_is_claimed_cancels_the_job_and_refuses_the_stations_result()
    {
        var card = await Scenario.TemporaryInAsync(CardState.Assigned);
        Operators.Act(Scenario.Requester);
        var job = (await Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(Reencode: true))).Job!;
        await Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-1");

        var locked = await Scenario.Temp(card.Id).LockTemporaryAsync("stolen");

        Assert.Equal(CardState.Locked, locked.State);
        Assert.Equal((ProductionJobStatus.Cancelled, UseCases.TempCardsProcLock), (locked.Job!.Status, locked.Job.FailureReason));
        await RefusedAsync(ErrorCodes.JobCancelled, () => Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Done("SN-LATE")));
        await RefusedAsync(ErrorCodes.JobCancelled, () => Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Failed("jam")));
        await RefusedAsync(ErrorCodes.JobCancelled, () => Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-1"));
        var unchanged = await Scenario.Temp(card.Id).GetTemporaryAsync();
        Assert.Equal((locked.Version, CardState.Locked), (unchanged.Version, unchanged.State));
        Assert.NotEqual("SN-LATE", unchanged.Serial);
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id));
        Assert.Contains("cancelledJob", audit.Items.Last(r => r.UseCase == UseCases.TempCardsProcLock).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locking_the_user_cancels_the_open_job_of_their_temporary_card()
    {
        var card = await Scenario.TemporaryInAsync(CardState.Assigned);
        Operators.Act(Scenario.Requester);
        var job = (await Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(Reencode: true))).Job!;
        await Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-1");

        Operators.Act("security-officer");
        await Scenario.User(card.UserId!).LockAsync("fraud");

        var locked = await Scenario.WaitForAsync(card.Id, CardState.Locked, TimeSpan.FromSeconds(20));
        Assert.Equal(ProductionJobStatus.Cancelled, locked.Job!.Status);
        await RefusedAsync(ErrorCodes.JobCancelled, () => Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Done("SN-LATE")));
    }
}

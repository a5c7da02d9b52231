using System.Text.Json;

namespace CardActors.Grains.Tests;

/// <summary>
/// Repeat production of misprinted items (domain.md: "Complete order, or Repeat production for the
/// failed or misprinted ones"): the physical card a done job made is voided, a new job makes a fresh
/// one, and the card reaches the batch's target state only when that job is done.
/// </summary>
public sealed class RepeatProductionTests : DomainTest
{
    [Fact]
    public async Task A_misprinted_card_is_voided_and_produced_again_with_fresh_secrets()
    {
        var (batchId, batch, cards) = await Scenario.IssueBatchOfApprovedCardsAsync(3, "st-a");
        Operators.Act(Scenario.Requester);
        await Scenario.ProduceAsync(cards[0].Id, station: "st-a");
        await Scenario.ProduceAsync(cards[2].Id, station: "st-a");
        var misprintedId = cards[1].Id;
        var firstJob = (await Scenario.Card(misprintedId).GetAsync()).Job!;
        var firstWork = await Scenario.Production(misprintedId).ClaimJobAsync(firstJob.JobId, "st-a");
        var printed = await Scenario.Production(misprintedId).CompleteJobAsync(firstJob.JobId, "st-a", ProductionJobResult.Done("SN-BAD", ["cert-a", "cert-b"]));
        Assert.Equal((CardState.Issued, "SN-BAD"), (printed.State, printed.Serial));
        var produced = await batch.GetAsync();
        Assert.Equal((0, 3, 0), (produced.Pending, produced.Done, produced.Failed));

        var repeated = await batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [misprintedId], Reason = "smudged photo" });

        // The item is pending again; the others are untouched.
        Assert.Equal((1, 2, 0, BatchOrderStatus.Open), (repeated.Pending, repeated.Done, repeated.Failed, repeated.Status));
        var item = repeated.Items.Single(i => i.CardId == misprintedId);
        Assert.Equal((BatchItemStatus.Pending, 2, CardState.Approved, null), (item.Status, item.Attempts, item.CardState, item.CardSerial));
        Assert.Equal("st-a", item.StationId);

        // The old physical card is void: serial recorded, certificates revoked; the card is not in the batch's target state.
        var voided = await Scenario.Card(misprintedId).GetAsync();
        Assert.Equal((CardState.Approved, null), (voided.State, voided.Serial));
        Assert.Empty(voided.Certificates);
        Assert.Equal(["SN-BAD"], voided.VoidedSerials);
        Assert.Equal((2, ProductionJobStatus.Pending, batchId), (voided.Job!.Attempt, voided.Job.Status, voided.Job.BatchId));
        var oldJob = await Scenario.Production(misprintedId).GetJobAsync(firstJob.JobId);
        Assert.Equal((ProductionJobStatus.Failed, "SN-BAD", "misprinted: smudged photo"), (oldJob.Status, oldJob.CardSerial, oldJob.FailureReason));
        await RefusedAsync(ErrorCodes.JobStateConflict, () => Scenario.Production(misprintedId).ClaimJobAsync(firstJob.JobId, "st-a"));
        await RefusedAsync(ErrorCodes.JobStateConflict, () => Scenario.Production(misprintedId).CompleteJobAsync(firstJob.JobId, "st-a", ProductionJobResult.Done("SN-BAD")));
        await RefusedAsync(ErrorCodes.BatchStateConflict, () => batch.CompleteAsync());

        // The new job: new PIN, PUK and management key; the card is issued only when it is done.
        var secondWork = await Scenario.Production(misprintedId).ClaimJobAsync(voided.Job.JobId, "st-a");
        Assert.NotNull(secondWork.Pin);
        Assert.NotEqual(firstWork.ManagementKey, secondWork.ManagementKey);
        Assert.Equal(CardState.Approved, (await Scenario.Card(misprintedId).GetAsync()).State);
        var reissued = await Scenario.Production(misprintedId).CompleteJobAsync(voided.Job.JobId, "st-a", ProductionJobResult.Done("SN-GOOD", ["cert-c"]));
        Assert.Equal((CardState.Issued, "SN-GOOD"), (reissued.State, reissued.Serial));
        Assert.Equal(["cert-c"], reissued.Certificates);
        Assert.Equal(["SN-BAD"], reissued.VoidedSerials);
        var done = await batch.GetAsync();
        Assert.Equal((0, 3), (done.Pending, done.Done));
        Assert.Equal(("SN-GOOD", 2), (done.Items.Single(i => i.CardId == misprintedId).CardSerial, done.Items.Single(i => i.CardId == misprintedId).Attempts));

        // Every step is audited: the void (with the serial and revoked certificates), the new job, its completion, and the batch's repeat.
        var rows = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: misprintedId))).Items;
        var misprint = rows.Single(r => r.UseCase == UseCases.CardsBoProcVoidMisprinted);
        Assert.Equal((Scenario.Requester, "issued", "approved"), (misprint.Operator, misprint.FromState, misprint.ToState));
        var details = JsonSerializer.Deserialize<JsonElement>(misprint.Details!);
        Assert.Equal("SN-BAD", details.GetProperty("voidedSerial").GetString());
        Assert.Equal("smudged photo", details.GetProperty("reason").GetString());
        Assert.Equal(["cert-a", "cert-b"], details.GetProperty("revokedCertificates").EnumerateArray().Select(c => c.GetString()));

        var after = rows.SkipWhile(r => r != misprint).Skip(1).ToList();
        Assert.Equal(
            [
                (UseCases.CardsBoProcIssueMultiple, "approved", "approved"),
                (UseCases.CardsBoProcIssueMultiple, "approved", "approved"),
                (UseCases.CardsBoProcIssueMultiple, "approved", "issued"),
            ],
            after.Select(r => (r.UseCase, r.FromState, r.ToState)));
        Assert.Equal(["job-created", "job-claimed", "job-done"], after.Select(r => JsonSerializer.Deserialize<JsonElement>(r.Details!).GetProperty("step").GetString()));
        var batchRows = (await Silo.Audit.ReadAsync(new AuditQuery(Limit: 1000))).Items.Where(a => a.SubjectId == batchId).ToList();
        var repeatRow = batchRows.Single(a => a.UseCase == UseCases.BatchOrderRepeatProduction);
        Assert.Contains(misprintedId, repeatRow.Details, StringComparison.Ordinal);
        Assert.Contains("smudged photo", repeatRow.Details, StringComparison.Ordinal);

        Assert.Equal(BatchOrderStatus.Completed, (await batch.CompleteAsync()).Status);
        Assert.True((await Silo.Audit.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task Misprints_are_refused_for_cards_outside_the_batch_pending_or_rejected_items_and_after_completion()
    {
        var approved = await Scenario.PermanentInAsync(CardState.Approved);
        var other = await Scenario.PermanentInAsync(CardState.Approved);
        var issuedElsewhere = await Scenario.PermanentInAsync(CardState.Issued);
        Operators.Act(Scenario.Requester);
        var batch = Scenario.Batch(Scenario.NewId());
        var started = await batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [approved.Id, other.Id, issuedElsewhere.Id]));
        Assert.Equal((2, 1), (started.Pending, started.Rejected));

        // A pending item: its job is still open.
        var pending = await RefusedAsync(ErrorCodes.ProductionInProgress, () => batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [approved.Id] }));
        Assert.Equal(approved.Id, pending.Values["cardId"]);

        await Scenario.ProduceAsync(approved.Id);
        var before = await batch.GetAsync();
        var version = (await Scenario.Card(approved.Id).GetAsync()).Version;

        // Not items of this batch (unknown, or another card), or an item nothing was made for.
        var notInBatch = (ValidationFailedException)await RefusedAsync(ErrorCodes.ValidationFailed,
            () => batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [approved.Id, "no-such-card"] }));
        Assert.Equal(["misprintedCardIds"], notInBatch.Fields.Keys);
        var unrelated = await Scenario.PermanentInAsync(CardState.Issued);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [unrelated.Id] }));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [issuedElsewhere.Id] }));

        // A refused repeat changed nothing: not the batch, not the card.
        var unchanged = await batch.GetAsync();
        Assert.Equal((before.Pending, before.Done, before.Failed, before.Rejected), (unchanged.Pending, unchanged.Done, unchanged.Failed, unchanged.Rejected));
        Assert.Equal((version, CardState.Issued), ((await Scenario.Card(approved.Id).GetAsync()).Version, (await Scenario.Card(approved.Id).GetAsync()).State));

        // After Complete order, nothing is produced again.
        await Scenario.ProduceAsync(other.Id);
        Assert.Equal(BatchOrderStatus.Completed, (await batch.CompleteAsync()).Status);
        await RefusedAsync(ErrorCodes.BatchStateConflict, () => batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [approved.Id] }));
        Assert.Empty((await Scenario.Card(approved.Id).GetAsync()).VoidedSerials);
        await RefusedAsync(ErrorCodes.BatchNotFound, () => Scenario.Batch("nope").RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [approved.Id] }));
    }

    [Fact]
    public async Task Misprinted_and_failed_temporary_cards_are_repeated_together_and_end_unassigned()
    {
        Operators.Act(Scenario.Requester);
        var cards = await Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 4));
        var batch = Scenario.Batch(Scenario.NewId());
        await batch.StartIssueMultipleTemporaryCardsAsync(new IssueMultipleCommand(Scenario.Temporary, [.. cards.Select(c => c.Id)]));
        var misprinted = await Scenario.ProduceAsync(cards[0].Id);
        await Scenario.ProduceAsync(cards[1].Id, succeed: false);
        await Scenario.ProduceAsync(cards[2].Id);
        var assigned = await Scenario.ProduceAsync(cards[3].Id);
        Operators.Act(Scenario.Requester);
        await Scenario.Temp(assigned.Id).AssignAsync(new AssignTemporaryCardCommand(await Scenario.UserAsync()));
        Operators.Act(Scenario.Requester);
        Assert.Equal((0, 3, 1), ((await batch.GetAsync()).Pending, (await batch.GetAsync()).Done, (await batch.GetAsync()).Failed));

        // A card handed out since is no longer the batch's result: withdraw it first.
        await RefusedAsync(ErrorCodes.InvalidTransition, () => batch.RepeatProductionAsync(new RepeatProductionCommand { MisprintedCardIds = [assigned.Id] }));

        // CardIds null: every failed item, and the misprinted ones besides.
        var repeated = await batch.RepeatProductionAsync(new RepeatProductionCommand { MisprintedCardIds = [misprinted.Id], Reason = "wrong layout" });
        Assert.Equal((2, 2, 0), (repeated.Pending, repeated.Done, repeated.Failed));
        var voided = await Scenario.Temp(misprinted.Id).GetTemporaryAsync();
        Assert.Equal((CardState.Requested, null, 2), (voided.State, voided.Serial, voided.Job!.Attempt));
        Assert.Equal([misprinted.Serial!], voided.VoidedSerials);
        Assert.Empty((await Scenario.Temp(cards[1].Id).GetTemporaryAsync()).VoidedSerials);

        Assert.Equal(CardState.Unassigned, (await Scenario.ProduceAsync(misprinted.Id)).State);
        Assert.Equal(CardState.Unassigned, (await Scenario.ProduceAsync(cards[1].Id)).State);
        var done = await batch.GetAsync();
        Assert.Equal((0, 4, 0), (done.Pending, done.Done, done.Failed));
        var row = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: misprinted.Id))).Items.Single(a => a.UseCase == UseCases.TempCardsBoProcVoidMisprinted);
        Assert.Equal(("unassigned", "requested"), (row.FromState, row.ToState));
    }

    [Fact]
    public async Task A_card_that_ended_active_gives_up_its_active_place_until_its_new_card_is_done()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsBoProcIssueMultiple, true, UseCaseOptions.Default with { ActivateAfterIssue = true }));
        Operators.Act(Scenario.Requester);
        var batch = Scenario.Batch(Scenario.NewId());
        await batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [card.Id]));
        Assert.Equal(CardState.Active, (await Scenario.ProduceAsync(card.Id)).State);

        Operators.Act(Scenario.Requester);
        await batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [card.Id] });
        var voided = await Scenario.Card(card.Id).GetAsync();
        Assert.Equal(CardState.Approved, voided.State);
        Assert.Empty(voided.Certificates);
        Assert.Empty((await Scenario.User(card.UserId!).GetAsync()).CardsHoldingPlaces);
        var row = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id))).Items.Single(a => a.UseCase == UseCases.CardsBoProcVoidMisprinted);
        Assert.Contains("misprinted", row.Details, StringComparison.Ordinal);

        Assert.Equal(CardState.Active, (await Scenario.ProduceAsync(card.Id)).State);
        Assert.Equal(CardState.Active, (await Scenario.User(card.UserId!).GetAsync()).CardsHoldingPlaces.Single().State);
    }

    [Fact]
    public async Task A_misprinted_card_of_a_user_no_longer_active_is_voided_and_waits_as_a_failed_item()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        var batch = Scenario.Batch(Scenario.NewId());
        await batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [card.Id]));
        var printed = await Scenario.ProduceAsync(card.Id);
        Operators.Act("admin");
        await Scenario.User(card.UserId!).DeactivateAsync("on leave");

        Operators.Act(Scenario.Requester);
        var repeated = await batch.RepeatProductionAsync(new RepeatProductionCommand([]) { MisprintedCardIds = [card.Id] });
        Assert.Equal((0, 0, 1), (repeated.Pending, repeated.Done, repeated.Failed));
        var voided = await Scenario.Card(card.Id).GetAsync();
        Assert.Equal((CardState.Approved, null, ProductionJobStatus.Failed), (voided.State, voided.Serial, voided.Job!.Status));
        Assert.Equal([printed.Serial!], voided.VoidedSerials);

        // Once the user is back, the failed item is repeated like any other.
        Operators.Act("admin");
        await Scenario.User(card.UserId!).ActivateAsync();
        Operators.Act(Scenario.Requester);
        Assert.Equal(1, (await batch.RepeatProductionAsync(new RepeatProductionCommand())).Pending);
        Assert.Equal(CardState.Issued, (await Scenario.ProduceAsync(card.Id)).State);
    }

    /// <summary>
    /// Cards stored before voided serials were recorded (grain type and state name "card") load
    /// unchanged. (A card without voided serials is now stored without the empty list anyway.)
    /// </summary>
    [Fact]
    public async Task A_card_stored_before_voided_serials_existed_still_loads()
    {
        var card = await Scenario.PermanentInAsync(CardState.Active);
        await Silo.RestartAsync();
        using (var db = Silo.OpenDatabase())
        using (var strip = db.CreateCommand())
        {
            strip.CommandText = """
                UPDATE cardactors_grain_state SET payload = CAST(json_remove(CAST(payload AS TEXT), '$.state.voidedSerials') AS BLOB)
                WHERE grain_type = 'card' AND state_name = 'card' AND grain_key = $id
                """;
            strip.Parameters.AddWithValue("$id", card.Id);
            Assert.Equal(1, strip.ExecuteNonQuery());
            using var check = db.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM cardactors_grain_state WHERE grain_type = 'card' AND grain_key = $id AND CAST(payload AS TEXT) LIKE '%voidedSerials%'";
            check.Parameters.AddWithValue("$id", card.Id);
            Assert.Equal(0L, (long)check.ExecuteScalar()!);
        }

        var loaded = await Scenario.Card(card.Id).GetAsync();
        Assert.Equal((card.State, card.Serial, card.Version, card.Certificates.Count), (loaded.State, loaded.Serial, loaded.Version, loaded.Certificates.Count));
        Assert.Empty(loaded.VoidedSerials);
    }
}

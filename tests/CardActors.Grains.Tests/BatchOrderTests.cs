namespace CardActors.Grains.Tests;

public sealed class BatchOrderTests : DomainTest
{
    [Fact]
    public async Task Issue_multiple_fans_out_jobs_repeats_only_the_failed_ones_and_completes()
    {
        var cards = new List<CardDetails>();
        for (var i = 0; i < 3; i++)
        {
            cards.Add(await Scenario.PermanentInAsync(CardState.Approved));
        }

        var notApproved = await Scenario.PermanentInAsync(CardState.Active);
        Operators.Act(Scenario.Requester);
        var batchId = Scenario.NewId();
        var batch = Scenario.Batch(batchId);
        var started = await batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [.. cards.Select(c => c.Id), notApproved.Id, "missing"], ["st-a", "st-b"]));
        Assert.Equal((3, 2), (started.Pending, started.Rejected));
        Assert.Equal([ErrorCodes.InvalidTransition, ErrorCodes.CardNotFound], started.Items.Where(i => i.Status == BatchItemStatus.Rejected).Select(i => i.ErrorCode));
        await RefusedAsync(ErrorCodes.BatchAlreadyExists, () => batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [cards[0].Id])));
        var bySearch = await Silo.Search.SearchCardsAsync(new CardSearchQuery(BatchId: batchId));
        Assert.Equal(3, bySearch.Total);
        Assert.Equal(2, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(BatchId: batchId, StationId: "st-a"))).Total);

        await Scenario.ProduceAsync(cards[0].Id, station: "st-a");
        await Scenario.ProduceAsync(cards[1].Id, succeed: false, station: "st-b");
        await RefusedAsync(ErrorCodes.BatchStateConflict, () => batch.CompleteAsync());
        await Scenario.ProduceAsync(cards[2].Id, station: "st-a");
        var produced = await batch.GetAsync();
        Assert.Equal((0, 2, 1), (produced.Pending, produced.Done, produced.Failed));
        var failedCard = await Scenario.Card(cards[1].Id).GetAsync();
        Assert.Equal((CardState.Approved, null), (failedCard.State, failedCard.Serial));

        await RefusedAsync(ErrorCodes.ValidationFailed, () => batch.RepeatProductionAsync(new RepeatProductionCommand([cards[0].Id])));
        var repeated = await batch.RepeatProductionAsync(new RepeatProductionCommand());
        var item = repeated.Items.Single(i => i.CardId == cards[1].Id);
        Assert.Equal((BatchItemStatus.Pending, 2), (item.Status, item.Attempts));
        Assert.Equal(CardState.Issued, (await Scenario.ProduceAsync(cards[1].Id, station: "st-b")).State);
        var completed = await batch.CompleteAsync();
        Assert.Equal((BatchOrderStatus.Completed, 3), (completed.Status, completed.Done));
        await RefusedAsync(ErrorCodes.BatchStateConflict, () => batch.CompleteAsync());
        await RefusedAsync(ErrorCodes.BatchNotFound, () => Scenario.Batch("nope").GetAsync());
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(Limit: 1000));
        Assert.Contains(audit.Items, a => a.SubjectId == batchId && a.UseCase == UseCases.BatchOrderComplete);
        Assert.Contains(audit.Items, a => a.SubjectId == batchId && a.UseCase == UseCases.BatchOrderRepeatProduction);
    }

    [Fact]
    public async Task Issue_multiple_can_end_active_and_refuses_empty_or_disabled_batches()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsBoProcIssueMultiple, true, UseCaseOptions.Default with { ActivateAfterIssue = true }));
        Operators.Act(Scenario.Requester);
        await Scenario.Batch(Scenario.NewId()).StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [card.Id]));
        Assert.Equal(CardState.Active, (await Scenario.ProduceAsync(card.Id)).State);
        await RefusedAsync(ErrorCodes.AmountOutOfRange, () => Scenario.Batch(Scenario.NewId()).StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [])));
        Operators.Act("admin");
        await Scenario.Config.DefineCardTypeAsync(new DefineCardTypeCommand("off", CardKind.Permanent));
        await RefusedAsync(ErrorCodes.UseCaseDisabled, () => Scenario.Batch(Scenario.NewId()).StartIssueMultipleCardsAsync(new IssueMultipleCommand("off", [card.Id])));
    }

    [Fact]
    public async Task Request_multiple_and_order_multiple_make_one_card_per_active_user()
    {
        var users = new[] { await Scenario.UserAsync(), await Scenario.UserAsync(), await Scenario.UserAsync(UserState.Inactive) };
        Operators.Act(Scenario.Requester);
        var request = await Scenario.Batch(Scenario.NewId()).StartRequestMultipleCardsAsync(new RequestMultipleCommand(Scenario.EmployeeApproval, users));
        Assert.Equal((2, 1), (request.Done, request.Rejected));
        Assert.All(request.Items.Where(i => i.Status == BatchItemStatus.Done), i => Assert.Equal(CardState.Requested, i.CardState));
        Assert.Equal(ErrorCodes.UserNotActive, request.Items.Single(i => i.Status == BatchItemStatus.Rejected).ErrorCode);

        var order = await Scenario.Batch(Scenario.NewId()).StartOrderMultipleCardsAsync(new RequestMultipleCommand(Scenario.EmployeeQueue, users[..2]));
        Assert.All(order.Items, i => Assert.Equal(CardState.Processing, i.CardState));
        Operators.Act("admin");
        Assert.Equal(2, await Scenario.External.DispatchNowAsync());
    }
}

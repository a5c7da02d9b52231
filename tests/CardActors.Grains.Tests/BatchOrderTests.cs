using static CardActors.Grains.Tests.Assertions;

namespace CardActors.Grains.Tests;

public sealed class BatchOrderTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainSilo.StartAsync();
        _scenario = await new Scenario(_silo).ConfigureAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Issue_multiple_fans_out_jobs_repeats_only_the_failed_ones_and_completes()
    {
        var cards = new List<CardDetails>();
        for (var i = 0; i < 3; i++)
        {
            cards.Add(await _scenario.PermanentInAsync(CardState.Approved));
        }

        var notApproved = await _scenario.PermanentInAsync(CardState.Active);
        Operators.Act(Scenario.Requester);
        var batchId = Scenario.NewId();
        var batch = _scenario.Grains.GetGrain<IBatchOrderGrain>(batchId);
        var started = await batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [.. cards.Select(c => c.Id), notApproved.Id, "missing"], ["st-a", "st-b"]));
        Assert.Equal((3, 2), (started.Pending, started.Rejected));
        Assert.Equal([ErrorCodes.InvalidTransition, ErrorCodes.CardNotFound], started.Items.Where(i => i.Status == BatchItemStatus.Rejected).Select(i => i.ErrorCode));
        await RefusedAsync(ErrorCodes.BatchAlreadyExists, () => batch.StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [cards[0].Id])));
        var bySearch = await _silo.Search.SearchCardsAsync(new CardSearchQuery(BatchId: batchId));
        Assert.Equal(3, bySearch.Total);
        Assert.Equal(2, (await _silo.Search.SearchCardsAsync(new CardSearchQuery(BatchId: batchId, StationId: "st-a"))).Total);

        await _scenario.ProduceAsync(cards[0].Id, station: "st-a");
        await _scenario.ProduceAsync(cards[1].Id, succeed: false, station: "st-b");
        await RefusedAsync(ErrorCodes.BatchStateConflict, () => batch.CompleteAsync());
        await _scenario.ProduceAsync(cards[2].Id, station: "st-a");
        var produced = await batch.GetAsync();
        Assert.Equal((0, 2, 1), (produced.Pending, produced.Done, produced.Failed));
        var failedCard = await _scenario.Card(cards[1].Id).GetAsync();
        Assert.Equal((CardState.Approved, null), (failedCard.State, failedCard.Serial));

        await RefusedAsync(ErrorCodes.ValidationFailed, () => batch.RepeatProductionAsync(new RepeatProductionCommand([cards[0].Id])));
        var repeated = await batch.RepeatProductionAsync(new RepeatProductionCommand());
        var item = repeated.Items.Single(i => i.CardId == cards[1].Id);
        Assert.Equal((BatchItemStatus.Pending, 2), (item.Status, item.Attempts));
        Assert.Equal(CardState.Issued, (await _scenario.ProduceAsync(cards[1].Id, station: "st-b")).State);
        var completed = await batch.CompleteAsync();
        Assert.Equal((BatchOrderStatus.Completed, 3), (completed.Status, completed.Done));
        await RefusedAsync(ErrorCodes.BatchStateConflict, () => batch.CompleteAsync());
        await RefusedAsync(ErrorCodes.BatchNotFound, () => _scenario.Grains.GetGrain<IBatchOrderGrain>("nope").GetAsync());
        var audit = await _silo.Audit.ReadAsync(new AuditQuery(Limit: 1000));
        Assert.Contains(audit.Items, a => a.SubjectId == batchId && a.UseCase == UseCases.BatchOrderComplete);
        Assert.Contains(audit.Items, a => a.SubjectId == batchId && a.UseCase == UseCases.BatchOrderRepeatProduction);
    }

    [Fact]
    public async Task Issue_multiple_can_end_active_and_refuses_empty_or_disabled_batches()
    {
        var card = await _scenario.PermanentInAsync(CardState.Approved);
        Operators.Act("admin");
        await _scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsBoProcIssueMultiple, true, UseCaseOptions.Default with { ActivateAfterIssue = true }));
        Operators.Act(Scenario.Requester);
        await _scenario.Grains.GetGrain<IBatchOrderGrain>(Scenario.NewId()).StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [card.Id]));
        Assert.Equal(CardState.Active, (await _scenario.ProduceAsync(card.Id)).State);
        await RefusedAsync(ErrorCodes.AmountOutOfRange, () => _scenario.Grains.GetGrain<IBatchOrderGrain>(Scenario.NewId()).StartIssueMultipleCardsAsync(new IssueMultipleCommand(Scenario.Employee, [])));
        Operators.Act("admin");
        await _scenario.Config.DefineCardTypeAsync(new DefineCardTypeCommand("off", CardKind.Permanent));
        await RefusedAsync(ErrorCodes.UseCaseDisabled, () => _scenario.Grains.GetGrain<IBatchOrderGrain>(Scenario.NewId()).StartIssueMultipleCardsAsync(new IssueMultipleCommand("off", [card.Id])));
    }

    [Fact]
    public async Task Request_multiple_and_order_multiple_make_one_card_per_active_user()
    {
        var users = new[] { await _scenario.UserAsync(), await _scenario.UserAsync(), await _scenario.UserAsync(UserState.Inactive) };
        Operators.Act(Scenario.Requester);
        var request = await _scenario.Grains.GetGrain<IBatchOrderGrain>(Scenario.NewId()).StartRequestMultipleCardsAsync(new RequestMultipleCommand(Scenario.EmployeeApproval, users));
        Assert.Equal((2, 1), (request.Done, request.Rejected));
        Assert.All(request.Items.Where(i => i.Status == BatchItemStatus.Done), i => Assert.Equal(CardState.Requested, i.CardState));
        Assert.Equal(ErrorCodes.UserNotActive, request.Items.Single(i => i.Status == BatchItemStatus.Rejected).ErrorCode);

        var order = await _scenario.Grains.GetGrain<IBatchOrderGrain>(Scenario.NewId()).StartOrderMultipleCardsAsync(new RequestMultipleCommand(Scenario.EmployeeQueue, users[..2]));
        Assert.All(order.Items, i => Assert.Equal(CardState.Processing, i.CardState));
        Operators.Act("admin");
        Assert.Equal(2, await _scenario.External.DispatchNowAsync());
    }
}

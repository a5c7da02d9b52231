namespace CardActors.Grains.Tests;

public sealed class ExternalProductionTests : DomainTest
{
    [Fact]
    public async Task Queued_orders_wait_while_the_dispatcher_is_paused_and_can_be_aborted_only_while_queued()
    {
        var first = await Scenario.PermanentInAsync(CardState.Processing);
        var second = await Scenario.PermanentInAsync(CardState.Processing);
        Operators.Act("admin");
        var paused = await Scenario.External.PauseDispatcherAsync();
        Assert.True(paused.Paused);
        Assert.Equal(0, await Scenario.External.DispatchNowAsync());
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Aborted, (await Scenario.Card(first.Id).AbortOrderAsync("duplicate")).State);
        Operators.Act("admin");
        await Scenario.External.ResumeDispatcherAsync();
        Assert.Equal(1, await Scenario.External.DispatchNowAsync());
        Assert.Equal(CardState.Ordered, (await Scenario.Card(second.Id).GetAsync()).State);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.InvalidTransition, () => Scenario.Card(second.Id).AbortOrderAsync());
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(Limit: 1000));
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.AdminDispatcherPause && a.Operator == "admin");
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.CardsAddonExtProdProcOrder && a.CardId == second.Id && a.FromState == "processing" && a.ToState == "ordered");
    }

    [Fact]
    public async Task Status_events_are_applied_once_and_stale_ones_change_nothing()
    {
        var card = await Scenario.PermanentInAsync(CardState.Ordered);
        Operators.Act("producer");
        var produced = new ProducerStatusEvent("evt-1", card.Id, ProducerOrderStatus.Produced, DateTimeOffset.UtcNow, "EXT-9");
        Assert.Equal(ProducerStatusOutcome.Applied, (await Scenario.External.ReceiveStatusAsync(produced)).Outcome);
        Assert.Equal(ProducerStatusOutcome.Duplicate, (await Scenario.External.ReceiveStatusAsync(produced)).Outcome);
        var version = (await Scenario.Card(card.Id).GetAsync()).Version;
        var stale = await Scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("evt-2", card.Id, ProducerOrderStatus.InProduction, DateTimeOffset.UtcNow));
        Assert.Equal((ProducerStatusOutcome.Ignored, CardState.Produced), (stale.Outcome, stale.State));
        Assert.Equal(version, (await Scenario.Card(card.Id).GetAsync()).Version);
        // README: any repeated event id is a duplicate, also one that was ignored the first time.
        Assert.Equal((ProducerStatusOutcome.Duplicate, CardState.Produced), ((await Scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("evt-2", card.Id, ProducerOrderStatus.InProduction, DateTimeOffset.UtcNow))) is var again ? (again.Outcome, again.State) : default));
        Assert.Equal(version, (await Scenario.Card(card.Id).GetAsync()).Version);
        Assert.Equal(2, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id))).Total);
        await RefusedAsync(ErrorCodes.CardNotFound, () => Scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("evt-3", "unknown", ProducerOrderStatus.Produced, DateTimeOffset.UtcNow)));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("", card.Id, ProducerOrderStatus.Produced, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task One_open_external_order_per_user_unless_the_option_allows_several()
    {
        var card = await Scenario.PermanentInAsync(CardState.Ordered);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UserHasExternalOrder, () => Scenario.Card(Scenario.NewId()).OrderAsync(new OrderCardCommand(card.UserId!, Scenario.Employee)));
        var inactive = await Scenario.UserAsync(UserState.Inactive);
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Card(Scenario.NewId()).OrderAsync(new OrderCardCommand(inactive, Scenario.Employee)));
        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsAddonExtProdProcOrder, true, UseCaseOptions.Default with { AllowSeveralExternalOrders = true }));
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Ordered, (await Scenario.Card(Scenario.NewId()).OrderAsync(new OrderCardCommand(card.UserId!, Scenario.Employee))).State);
    }

    [Fact]
    public async Task Temporary_cards_are_ordered_in_amounts_for_an_active_user()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var queued = await Scenario.Pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.TemporaryQueue, 3, user));
        Assert.All(queued, c => Assert.Equal(CardState.Processing, c.State));
        var ordered = await Scenario.Pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.Temporary, 2, user, "express"));
        Assert.All(ordered, c => Assert.Equal((CardState.Ordered, "express"), (c.State, c.ExternalOrder!.ProductionType)));
        await RefusedAsync(ErrorCodes.AmountOutOfRange, () => Scenario.Pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.Temporary, 10, user)));
        var inactive = await Scenario.UserAsync(UserState.Inactive);
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.Temporary, 1, inactive)));
        Assert.Equal(CardState.Aborted, (await Scenario.Temp(queued[0].Id).AbortTemporaryOrderAsync()).State);
        Operators.Act("admin");
        Assert.Equal(2, await Scenario.External.DispatchNowAsync());
    }
}

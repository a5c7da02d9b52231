using System.Text;
using CardActors.Grains.Production;
using static CardActors.Grains.Tests.Assertions;

namespace CardActors.Grains.Tests;

public sealed class ExternalProductionTests
{
    [Fact]
    public async Task The_simulated_producer_reports_in_production_then_produced_and_activation_encodes_the_card()
    {
        await using var silo = await DomainSilo.StartAsync(o =>
        {
            o.ExternalProduction.SimulatedInProductionDelay = TimeSpan.FromMilliseconds(100);
            o.ExternalProduction.SimulatedProducedDelay = TimeSpan.FromMilliseconds(100);
        });
        var scenario = await new Scenario(silo).ConfigureAsync();
        var user = await scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();
        var ordered = await scenario.Card(id).OrderAsync(new OrderCardCommand(user, Scenario.Employee));
        Assert.Equal(CardState.Ordered, ordered.State);
        Assert.NotNull(ordered.ExternalOrder!.SubmittedAt);
        var produced = await scenario.WaitForAsync(id, CardState.Produced, TimeSpan.FromSeconds(10));
        Assert.Equal((CardState.Produced, ProducerOrderStatus.Produced), (produced.State, produced.ExternalOrder!.LastStatus));
        Assert.StartsWith("SIM-", produced.Serial, StringComparison.Ordinal);
        var states = (await silo.Audit.ReadAsync(new AuditQuery(CardId: id))).Items.Select(a => a.ToState);
        Assert.Equal(["ordered", "in production", "produced"], states);

        Operators.Act(Scenario.Requester);
        await scenario.Card(id).ActivateProducedAsync("station-1");
        Assert.Equal(CardState.Active, (await scenario.ProduceAsync(id)).State);

        var failing = Scenario.NewId();
        await scenario.Card(failing).OrderAsync(new OrderCardCommand(await scenario.UserAsync(), Scenario.Employee, "simulate-failure"));
        Assert.Equal(CardState.Failed, (await scenario.WaitForAsync(failing, CardState.Failed, TimeSpan.FromSeconds(10))).State);
    }

    [Fact]
    public async Task Queued_orders_wait_while_the_dispatcher_is_paused_and_can_be_aborted_only_while_queued()
    {
        await using var silo = await DomainSilo.StartAsync();
        var scenario = await new Scenario(silo).ConfigureAsync();
        var first = await scenario.PermanentInAsync(CardState.Processing);
        var second = await scenario.PermanentInAsync(CardState.Processing);
        Operators.Act("admin");
        var paused = await scenario.External.PauseDispatcherAsync();
        Assert.True(paused.Paused);
        Assert.Equal(0, await scenario.External.DispatchNowAsync());
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Aborted, (await scenario.Card(first.Id).AbortOrderAsync("duplicate")).State);
        Operators.Act("admin");
        await scenario.External.ResumeDispatcherAsync();
        Assert.Equal(1, await scenario.External.DispatchNowAsync());
        Assert.Equal(CardState.Ordered, (await scenario.Card(second.Id).GetAsync()).State);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.InvalidTransition, () => scenario.Card(second.Id).AbortOrderAsync());
        var audit = await silo.Audit.ReadAsync(new AuditQuery(Limit: 1000));
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.AdminDispatcherPause && a.Operator == "admin");
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.CardsAddonExtProdProcOrder && a.CardId == second.Id && a.FromState == "processing" && a.ToState == "ordered");
    }

    [Fact]
    public async Task Status_events_are_applied_once_and_stale_ones_change_nothing()
    {
        await using var silo = await DomainSilo.StartAsync();
        var scenario = await new Scenario(silo).ConfigureAsync();
        var card = await scenario.PermanentInAsync(CardState.Ordered);
        Operators.Act("producer");
        var produced = new ProducerStatusEvent("evt-1", card.Id, ProducerOrderStatus.Produced, DateTimeOffset.UtcNow, "EXT-9");
        Assert.Equal(ProducerStatusOutcome.Applied, (await scenario.External.ReceiveStatusAsync(produced)).Outcome);
        Assert.Equal(ProducerStatusOutcome.Duplicate, (await scenario.External.ReceiveStatusAsync(produced)).Outcome);
        var version = (await scenario.Card(card.Id).GetAsync()).Version;
        var stale = await scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("evt-2", card.Id, ProducerOrderStatus.InProduction, DateTimeOffset.UtcNow));
        Assert.Equal((ProducerStatusOutcome.Ignored, CardState.Produced), (stale.Outcome, stale.State));
        Assert.Equal(version, (await scenario.Card(card.Id).GetAsync()).Version);
        Assert.Equal(2, (await silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id))).Total);
        await RefusedAsync(ErrorCodes.CardNotFound, () => scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("evt-3", "unknown", ProducerOrderStatus.Produced, DateTimeOffset.UtcNow)));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => scenario.External.ReceiveStatusAsync(new ProducerStatusEvent("", card.Id, ProducerOrderStatus.Produced, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task One_open_external_order_per_user_unless_the_option_allows_several()
    {
        await using var silo = await DomainSilo.StartAsync();
        var scenario = await new Scenario(silo).ConfigureAsync();
        var card = await scenario.PermanentInAsync(CardState.Ordered);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UserHasExternalOrder, () => scenario.Card(Scenario.NewId()).OrderAsync(new OrderCardCommand(card.UserId!, Scenario.Employee)));
        var inactive = await scenario.UserAsync(UserState.Inactive);
        await RefusedAsync(ErrorCodes.UserNotActive, () => scenario.Card(Scenario.NewId()).OrderAsync(new OrderCardCommand(inactive, Scenario.Employee)));
        Operators.Act("admin");
        await scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsAddonExtProdProcOrder, true, UseCaseOptions.Default with { AllowSeveralExternalOrders = true }));
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Ordered, (await scenario.Card(Scenario.NewId()).OrderAsync(new OrderCardCommand(card.UserId!, Scenario.Employee))).State);
    }

    [Fact]
    public async Task Temporary_cards_are_ordered_in_amounts_for_an_active_user()
    {
        await using var silo = await DomainSilo.StartAsync();
        var scenario = await new Scenario(silo).ConfigureAsync();
        var pool = scenario.Grains.GetGrain<ITemporaryCardPoolGrain>("default");
        var user = await scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var queued = await pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.TemporaryQueue, 3, user));
        Assert.All(queued, c => Assert.Equal(CardState.Processing, c.State));
        var ordered = await pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.Temporary, 2, user, "express"));
        Assert.All(ordered, c => Assert.Equal((CardState.Ordered, "express"), (c.State, c.ExternalOrder!.ProductionType)));
        await RefusedAsync(ErrorCodes.AmountOutOfRange, () => pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.Temporary, 10, user)));
        var inactive = await scenario.UserAsync(UserState.Inactive);
        await RefusedAsync(ErrorCodes.UserNotActive, () => pool.OrderAsync(new OrderTemporaryCardsCommand(Scenario.Temporary, 1, inactive)));
        Assert.Equal(CardState.Aborted, (await scenario.Temp(queued[0].Id).AbortTemporaryOrderAsync()).State);
        Operators.Act("admin");
        Assert.Equal(2, await scenario.External.DispatchNowAsync());
    }

    [Fact]
    public void The_callback_signature_is_an_hmac_of_the_body_with_the_shared_secret()
    {
        var body = Encoding.UTF8.GetBytes("""{"eventId":"e1","orderId":"c1","status":"Produced"}""");
        var signature = ProducerCallbackSignature.Compute(body, "s3cret");
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(ProducerCallbackSignature.Verify(body, signature, "s3cret"));
        Assert.False(ProducerCallbackSignature.Verify(body, signature, "other"));
        Assert.False(ProducerCallbackSignature.Verify([.. body, (byte)' '], signature, "s3cret"));
        Assert.False(ProducerCallbackSignature.Verify(body, null, "s3cret"));
        Assert.False(ProducerCallbackSignature.Verify(body, signature, null));
        var error = Assert.Throws<DomainException>(() => ProducerCallbackSignature.EnsureValid(body, "sha256=00", "s3cret"));
        Assert.Equal((ErrorCodes.ProducerUnauthorized, ErrorKind.Unauthorized), (error.Code, error.Kind));
    }
}

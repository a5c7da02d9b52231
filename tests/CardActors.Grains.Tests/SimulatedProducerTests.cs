using CardActors.Grains.Hosting;

namespace CardActors.Grains.Tests;

/// <summary>The simulated external producer, reporting within milliseconds instead of the test silo's hour.</summary>
public sealed class SimulatedProducerTests : DomainTest
{
    protected override void ConfigureDomain(CardActorsDomainOptions options)
    {
        options.ExternalProduction.SimulatedInProductionDelay = TimeSpan.FromMilliseconds(100);
        options.ExternalProduction.SimulatedProducedDelay = TimeSpan.FromMilliseconds(100);
    }

    [Fact]
    public async Task The_simulated_producer_reports_in_production_then_produced_and_activation_encodes_the_card()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();
        var ordered = await Scenario.Card(id).OrderAsync(new OrderCardCommand(user, Scenario.Employee));
        Assert.Equal(CardState.Ordered, ordered.State);
        Assert.NotNull(ordered.ExternalOrder!.SubmittedAt);
        var produced = await Scenario.WaitForAsync(id, CardState.Produced, TimeSpan.FromSeconds(10));
        Assert.Equal((CardState.Produced, ProducerOrderStatus.Produced), (produced.State, produced.ExternalOrder!.LastStatus));
        Assert.StartsWith("SIM-", produced.Serial, StringComparison.Ordinal);
        var states = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: id))).Items.Select(a => a.ToState);
        Assert.Equal(["ordered", "in production", "produced"], states);

        Operators.Act(Scenario.Requester);
        await Scenario.Card(id).ActivateProducedAsync("station-1");
        Assert.Equal(CardState.Active, (await Scenario.ProduceAsync(id)).State);

        var failing = Scenario.NewId();
        await Scenario.Card(failing).OrderAsync(new OrderCardCommand(await Scenario.UserAsync(), Scenario.Employee, "simulate-failure"));
        Assert.Equal(CardState.Failed, (await Scenario.WaitForAsync(failing, CardState.Failed, TimeSpan.FromSeconds(10))).State);
    }
}

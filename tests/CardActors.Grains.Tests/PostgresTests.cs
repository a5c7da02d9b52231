using CardActors.Grains.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Grains.Tests;

/// <summary>The same domain on PostgreSQL: a lifecycle, the audit chain, the search, and a crash between the writes.</summary>
public sealed class PostgresTests : DomainTest
{
    protected override bool OnPostgres => true;

    [PostgresFact]
    public async Task A_card_lifecycle_is_audited_searched_and_survives_a_crash_between_the_writes()
    {
        var card = await Scenario.PermanentInAsync(CardState.Active);
        Assert.Equal(card.Id, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: card.Serial))).Items.Single().Id);
        Assert.Equal(["approved", "approved", "approved", "issued", "active"], (await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id))).Items.Select(a => a.ToState));

        var user = await Scenario.UserAsync();
        var fresh = Scenario.NewId();
        Operators.Act(Scenario.Requester);
        Silo.Faults.CrashAfterStateWrite(fresh);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Card(fresh).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));
        Assert.Equal(0, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: fresh))).Total);
        await Silo.RestartAsync();
        await Silo.Services.GetRequiredService<OutboxSweeper>().FirstSweep;
        var row = (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: fresh))).Items.Single();
        var grain = (await Scenario.Coordination(fresh).FindAsync())!;
        Assert.Equal((grain.State, grain.Version), (row.State, row.Version));

        var verification = await Silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }

    [PostgresFact]
    public async Task Concurrent_requests_keep_the_audit_chain_intact()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Scenario.UserAsync()));
        Operators.Act(Scenario.Requester);
        await Task.WhenAll(users.Select(u => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(u, Scenario.Employee))));
        var verification = await Silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }
}

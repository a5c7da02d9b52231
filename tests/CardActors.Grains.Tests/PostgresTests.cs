using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Grains.Tests;

/// <summary>The same domain on PostgreSQL: a lifecycle, the audit chain, the search, and a crash between the writes.</summary>
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task A_card_lifecycle_is_audited_searched_and_survives_a_crash_between_the_writes()
    {
        await using var silo = await DomainSilo.StartAsync(postgres: PostgresFactAttribute.ConnectionString);
        var scenario = await new Scenario(silo).ConfigureAsync();
        var card = await scenario.PermanentInAsync(CardState.Active);
        Assert.Equal(card.Id, (await silo.Search.SearchCardsAsync(new CardSearchQuery(Text: card.Serial))).Items.Single().Id);
        Assert.Equal(["approved", "approved", "approved", "issued", "active"], (await silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id))).Items.Select(a => a.ToState));

        var user = await scenario.UserAsync();
        var fresh = Scenario.NewId();
        Operators.Act(Scenario.Requester);
        silo.Faults.CrashAfterStateWrite(fresh);
        await Assert.ThrowsAsync<InjectedCrashException>(() => scenario.Card(fresh).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));
        Assert.Equal(0, (await silo.Search.SearchCardsAsync(new CardSearchQuery(Text: fresh))).Total);
        await silo.Silo.RestartAsync();
        await silo.Silo.Services.GetRequiredService<OutboxSweeper>().FirstSweep;
        var row = (await silo.Search.SearchCardsAsync(new CardSearchQuery(Text: fresh))).Items.Single();
        var grain = (await scenario.Grains.GetGrain<ICardCoordinationGrain>(fresh).FindAsync())!;
        Assert.Equal((grain.State, grain.Version), (row.State, row.Version));

        var verification = await silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }

    [PostgresFact]
    public async Task Concurrent_requests_keep_the_audit_chain_intact()
    {
        await using var silo = await DomainSilo.StartAsync(postgres: PostgresFactAttribute.ConnectionString);
        var scenario = await new Scenario(silo).ConfigureAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => scenario.UserAsync()));
        Operators.Act(Scenario.Requester);
        await Task.WhenAll(users.Select(u => scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(u, Scenario.Employee))));
        var verification = await silo.Audit.VerifyAsync();
        Assert.True(verification.IsValid, verification.Problem);
    }
}

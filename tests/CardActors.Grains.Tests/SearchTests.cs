using CardActors.Grains.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Grains.Tests;

public sealed class SearchTests : DomainTest
{
    /// <summary>docs/card-lifecycle.md: a card whose job failed at a station stays in its state; an operator finds it by its job's status.</summary>
    [Fact]
    public async Task Cards_whose_production_failed_are_found_by_their_job_status()
    {
        var failed = await Scenario.PermanentInAsync(CardState.Approved);
        var issued = await Scenario.PermanentInAsync(CardState.Issued);
        Operators.Act(Scenario.Requester);
        await Scenario.Card(failed.Id).IssueAsync(new IssueCardCommand());
        await Scenario.ProduceAsync(failed.Id, succeed: false);

        var found = await Silo.Search.SearchCardsAsync(new CardSearchQuery(JobStatus: ProductionJobStatus.Failed));

        var card = Assert.Single(found.Items);
        Assert.Equal((failed.Id, CardState.Approved, ProductionJobStatus.Failed), (card.Id, card.State, card.JobStatus));
        Assert.Equal(issued.Id, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(JobStatus: ProductionJobStatus.Done))).Items.Single().Id);
    }

    [Fact]
    public async Task Cards_are_found_by_type_state_user_and_text_paged_and_sorted()
    {
        var approved = await Scenario.PermanentInAsync(CardState.Approved);
        var requested = await Scenario.PermanentInAsync(CardState.Requested);
        var active = await Scenario.PermanentInAsync(CardState.Active);
        await Scenario.TemporaryInAsync(CardState.Requested);

        Assert.Equal(3, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Kind: CardKind.Permanent))).Total);
        Assert.Equal(approved.Id, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(State: CardState.Approved))).Items.Single().Id);
        Assert.Equal(requested.Id, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(CardType: Scenario.EmployeeApproval))).Items.Single().Id);
        Assert.Equal(active.Id, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: active.UserId))).Items.Single().Id);
        var bySerial = (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: active.Serial![3..].ToUpperInvariant()))).Items.Single();
        Assert.Equal((active.Id, CardState.Active, "station-1"), (bySerial.Id, bySerial.State, bySerial.StationId));
        Assert.Equal(active.Id, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(StationId: "station-1"))).Items.Single().Id);

        var page = await Silo.Search.SearchCardsAsync(new CardSearchQuery(Sort: CardSortField.CreatedAt, Descending: false, Offset: 1, Limit: 2));
        Assert.Equal((4, 2), (page.Total, page.Items.Count));
        Assert.Equal(requested.Id, page.Items[0].Id);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Silo.Search.SearchCardsAsync(new CardSearchQuery(Limit: 501)));
        Assert.Empty((await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: "100%_"))).Items);
    }

    /// <summary>
    /// A crash between the state write and the projection write, for a new card and for a change of
    /// an existing one: the grains have the change, the projection and the audit do not. After a
    /// restart the sweeper drains the outboxes left behind, without anyone calling the grains.
    /// </summary>
    [Fact]
    public async Task The_projection_catches_up_after_a_crash_between_the_state_and_the_projection_write()
    {
        var user = await Scenario.UserAsync();
        var existing = await Scenario.PermanentInAsync(CardState.Requested);
        var fresh = Scenario.NewId();

        Operators.Act(Scenario.Requester);
        Silo.Faults.CrashAfterStateWrite(fresh);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Card(fresh).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));
        Silo.Faults.CrashAfterStateWrite(existing.Id);
        await Assert.ThrowsAsync<InjectedCrashException>(() => Scenario.Card(existing.Id).AbortRequestAsync("crash"));

        Assert.Equal(0, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: fresh))).Total);
        Assert.Equal(CardState.Requested, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: existing.Id))).Items.Single().State);
        Assert.Equal(0, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: fresh))).Total);

        await Silo.RestartAsync();
        await Silo.Services.GetRequiredService<OutboxSweeper>().FirstSweep;

        foreach (var id in new[] { fresh, existing.Id })
        {
            var row = (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: id))).Items.Single();
            var card = (await Scenario.Coordination(id).FindAsync())!;
            Assert.Equal((card.State, card.Version, card.UserId, card.CardType), (row.State, row.Version, row.UserId, row.CardType));
        }

        Assert.Equal(CardState.Approved, (await Scenario.Card(fresh).GetAsync()).State);
        Assert.Equal(CardState.Aborted, (await Scenario.Card(existing.Id).GetAsync()).State);
        Assert.Equal(1, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: fresh))).Total);
        Assert.Equal(2, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: existing.Id))).Total);
        Assert.True((await Silo.Audit.VerifyAsync()).IsValid);
        Assert.Contains((await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: user))).Items, c => c.Id == fresh && c.State == CardState.Approved);

        // Draining again (activation, sweeper) is harmless.
        await Scenario.Grains.GetGrain<IOutboxGrain>(GrainId.Create("card", fresh)).DrainOutboxAsync();
        Assert.Equal(1, (await Silo.Audit.ReadAsync(new AuditQuery(CardId: fresh))).Total);
    }
}

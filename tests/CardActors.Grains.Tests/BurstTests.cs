using CardActors.Tests.Support;

namespace CardActors.Grains.Tests;

public sealed class BurstTests : DomainTest
{
    /// <summary>Calls in flight at once: enough to contend, few enough that a slow CI machine does not hit the response timeout.</summary>
    private const int InFlight = 64;

    [Fact]
    public async Task A_thousand_concurrent_requests_for_different_users_lose_nothing()
    {
        const int count = 1000;
        Operators.Act("admin");
        var users = Enumerable.Range(0, count).Select(i => $"burst-{i:0000}").ToArray();
        await Bounded.AllAsync(users, InFlight, u => Scenario.User(u).CreateAsync(new CreateUserCommand("Burst " + u)));

        Operators.Act(Scenario.Requester);
        var cards = await Bounded.AllAsync(users, InFlight, u => Scenario.Card("card-" + u).RequestAsync(new RequestCardCommand(u, Scenario.Employee)));

        Assert.All(cards, c => Assert.Equal(CardState.Approved, c.State));
        Assert.Equal(count, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(State: CardState.Approved, Limit: 1))).Total);
        Assert.Equal(count, (await Silo.Search.SearchUsersAsync(new UserSearchQuery(Text: "burst-", Limit: 1))).Total);
        var audit = await Silo.Audit.VerifyAsync();
        Assert.True(audit.IsValid, audit.Problem);
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT card_id) FROM cardactors_audit WHERE use_case = 'CardsProcRequest'";
        Assert.Equal((long)count, (long)command.ExecuteScalar()!);
        Assert.Equal("card-" + users[^1], (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: users[^1]))).Items.Single().Id);
        Assert.Empty((await Scenario.User(users[^1]).GetAsync()).CardsHoldingPlaces);
    }
}

namespace CardActors.Grains.Tests;

public sealed class BurstTests
{
    [Fact]
    public async Task A_thousand_concurrent_requests_for_different_users_lose_nothing()
    {
        const int count = 1000;
        await using var silo = await DomainSilo.StartAsync();
        var scenario = await new Scenario(silo).ConfigureAsync();
        Operators.Act("admin");
        var users = Enumerable.Range(0, count).Select(i => $"burst-{i:0000}").ToArray();
        await Task.WhenAll(users.Select(u => scenario.Grains.GetGrain<IUserGrain>(u).CreateAsync(new CreateUserCommand("Burst " + u))));

        Operators.Act(Scenario.Requester);
        var cards = await Task.WhenAll(users.Select(u => scenario.Card("card-" + u).RequestAsync(new RequestCardCommand(u, Scenario.Employee))));

        Assert.All(cards, c => Assert.Equal(CardState.Approved, c.State));
        Assert.Equal(count, (await silo.Search.SearchCardsAsync(new CardSearchQuery(State: CardState.Approved, Limit: 1))).Total);
        Assert.Equal(count, (await silo.Search.SearchUsersAsync(new UserSearchQuery(Text: "burst-", Limit: 1))).Total);
        var audit = await silo.Audit.VerifyAsync();
        Assert.True(audit.IsValid, audit.Problem);
        using var db = silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT card_id) FROM cardactors_audit WHERE use_case = 'CardsProcRequest'";
        Assert.Equal((long)count, (long)command.ExecuteScalar()!);
        var sample = await scenario.Grains.GetGrain<IUserGrain>(users[^1]).GetAsync();
        Assert.Equal("card-" + users[^1], sample.Cards.Single().CardId);
    }
}

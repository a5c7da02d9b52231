namespace CardActors.Grains.Tests;

/// <summary>
/// The per-user limits hold under concurrent requests: a place reserved by one card is held until
/// that card reports its new state (or the reservation's lease runs out), so a second card cannot
/// take it in the gap between the first one's reservation and its commit.
/// </summary>
public sealed class ConcurrentLimitTests : DomainTest
{
    private const int Users = 10;

    [Fact]
    public async Task Two_concurrent_activations_for_one_user_make_exactly_one_active_card()
    {
        var pairs = await Task.WhenAll(Enumerable.Range(0, Users).Select(async _ =>
        {
            var user = await Scenario.UserAsync();
            return (User: user, First: await IssuedAsync(user), Second: await IssuedAsync(user));
        }));

        Operators.Act(Scenario.Requester);
        var outcomes = await Task.WhenAll(pairs.Select(async p =>
            await Task.WhenAll(Outcome(Scenario.Card(p.First).ActivateAsync()), Outcome(Scenario.Card(p.Second).ActivateAsync()))));

        foreach (var (pair, results) in pairs.Zip(outcomes))
        {
            Assert.Equal(1, results.Count(r => r is null));
            Assert.Equal(ErrorCodes.UserHasActiveCard, Assert.Single(results, r => r is not null));
            var states = new[] { (await Scenario.Card(pair.First).GetAsync()).State, (await Scenario.Card(pair.Second).GetAsync()).State };
            Assert.Equal(1, states.Count(s => s == CardState.Active));
        }
    }

    [Fact]
    public async Task Two_concurrent_assignments_to_one_user_assign_exactly_one_temporary_card()
    {
        var triples = await Task.WhenAll(Enumerable.Range(0, Users).Select(async _ =>
            (User: await Scenario.UserAsync(), First: (await Scenario.TemporaryInAsync(CardState.Unassigned)).Id, Second: (await Scenario.TemporaryInAsync(CardState.Unassigned)).Id)));

        Operators.Act(Scenario.Requester);
        var outcomes = await Task.WhenAll(triples.Select(async t => await Task.WhenAll(
            Outcome(Scenario.Temp(t.First).AssignAsync(new AssignTemporaryCardCommand(t.User))),
            Outcome(Scenario.Temp(t.Second).AssignAsync(new AssignTemporaryCardCommand(t.User))))));

        Assert.All(outcomes, results =>
        {
            Assert.Equal(1, results.Count(r => r is null));
            Assert.Equal(ErrorCodes.UserHasTemporaryCard, Assert.Single(results, r => r is not null));
        });
    }

    [Fact]
    public async Task A_place_is_released_when_the_use_case_that_reserved_it_fails()
    {
        var user = await Scenario.UserAsync();
        var first = await IssuedAsync(user);
        var second = await IssuedAsync(user);
        Operators.Act(Scenario.Requester);
        using (FailWritesOf(first))
        {
            await RefusedAsync(ErrorCodes.StorageUnavailable, () => Scenario.Card(first).ActivateAsync());
        }

        // Released at once, not after the lease: the other card may take the place now.
        Assert.Equal(CardState.Active, (await Scenario.Card(second).ActivateAsync()).State);
        await RefusedAsync(ErrorCodes.UserHasActiveCard, () => Scenario.Card(first).ActivateAsync());
    }

    private async Task<string> IssuedAsync(string user)
    {
        var id = Scenario.NewId();
        Operators.Act(Scenario.Requester);
        await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee));
        await Scenario.Card(id).IssueAsync(new IssueCardCommand());
        await Scenario.ProduceAsync(id);
        return id;
    }

    /// <summary>Null when the call succeeded, else the code it was refused with.</summary>
    private static async Task<string?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (DomainException refused)
        {
            return refused.Code;
        }
    }

    private TriggerScope FailWritesOf(string cardId)
    {
        var name = "fail_" + Guid.NewGuid().ToString("N");
        using var connection = Silo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TRIGGER {name} BEFORE UPDATE ON cardactors_grain_state
            WHEN NEW.grain_type = 'card' AND NEW.grain_key = '{cardId}'
            BEGIN SELECT RAISE(ABORT, 'injected write failure'); END
            """;
        command.ExecuteNonQuery();
        return new TriggerScope(Silo, [name]);
    }
}

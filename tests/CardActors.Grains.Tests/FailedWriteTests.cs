namespace CardActors.Grains.Tests;

/// <summary>
/// A state write the database refuses (here a trigger, as a full disk or a lost connection would)
/// changes nothing: the grain does not serve the change, does not store it with a later write, and
/// leaves no pending outbox row that the sweeper would come back to forever.
/// </summary>
public sealed class FailedWriteTests : DomainTest
{
    [Fact]
    public async Task A_card_whose_state_write_failed_keeps_its_previous_state_and_stores_only_later_changes()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        using (FailWritesOf("card", card.Id))
        {
            await RefusedAsync(ErrorCodes.StorageUnavailable, () => Scenario.Card(card.Id).IssueAsync(new IssueCardCommand()));
        }

        var after = await Scenario.Card(card.Id).GetAsync();
        Assert.Equal((card.Version, CardState.Approved, null), (after.Version, after.State, after.Job));

        var issuing = await Scenario.Card(card.Id).IssueAsync(new IssueCardCommand());
        Assert.Equal((card.Version + 1, 1), (issuing.Version, issuing.Job!.Attempt));
        await Silo.RestartAsync();
        Assert.Equal(issuing.Version, (await Scenario.Card(card.Id).GetAsync()).Version);
    }

    [Fact]
    public async Task A_user_whose_reservation_write_failed_does_not_hold_the_place()
    {
        var card = await Scenario.PermanentInAsync(CardState.Issued);
        Operators.Act(Scenario.Requester);
        using (FailWritesOf("user", card.UserId!))
        {
            await RefusedAsync(ErrorCodes.StorageUnavailable, () => Scenario.Card(card.Id).ActivateAsync());
        }

        Assert.DoesNotContain((await Scenario.User(card.UserId!).GetAsync()).CardsHoldingPlaces, c => c.CardId == card.Id);
        Assert.Equal(CardState.Issued, (await Scenario.Card(card.Id).GetAsync()).State);
        Assert.Equal(CardState.Active, (await Scenario.Card(card.Id).ActivateAsync()).State);
    }

    /// <summary>On SQLite the pending row is marked in the state write's own transaction, so a failed write takes it back with it.</summary>
    [Fact]
    public async Task A_failed_state_write_that_carried_its_outbox_rows_leaves_no_pending_row()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        using (FailWritesOf("card", card.Id))
        {
            await RefusedAsync(ErrorCodes.StorageUnavailable, () => Scenario.Card(card.Id).IssueAsync(new IssueCardCommand()));
        }

        Assert.Equal(0, PendingRows(card.Id));
        Assert.Equal(card.Version, (await Scenario.Card(card.Id).GetAsync()).Version);
    }

    [Fact]
    public async Task The_pending_row_of_a_failed_write_is_deleted_by_the_sweeper()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);

        // An armed crash makes the card mark its pending row before the state write, in a
        // transaction of its own, as it does where the rows cannot join the write (PostgreSQL).
        Silo.Faults.CrashAfterStateWrite(card.Id);
        using (FailWritesOf("card", card.Id))
        {
            await RefusedAsync(ErrorCodes.StorageUnavailable, () => Scenario.Card(card.Id).IssueAsync(new IssueCardCommand()));
        }

        Assert.Equal(1, PendingRows(card.Id));

        // The test silo sweeps every second, for rows older than a second.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (PendingRows(card.Id) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, PendingRows(card.Id));
        Assert.Equal(CardState.Approved, (await Scenario.Card(card.Id).GetAsync()).State);
    }

    /// <summary>Makes the database refuse every state write of the grain until disposed.</summary>
    private TriggerScope FailWritesOf(string grainType, string grainKey)
    {
        var name = "fail_" + Guid.NewGuid().ToString("N");
        using var connection = Silo.OpenDatabase();
        foreach (var (suffix, operation) in new[] { ("u", "UPDATE"), ("i", "INSERT") })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TRIGGER {name}_{suffix} BEFORE {operation} ON cardactors_grain_state
                WHEN NEW.grain_type = '{grainType}' AND NEW.grain_key = '{grainKey}'
                BEGIN SELECT RAISE(ABORT, 'injected write failure'); END
                """;
            command.ExecuteNonQuery();
        }

        return new TriggerScope(Silo, [$"{name}_u", $"{name}_i"]);
    }

    private long PendingRows(string cardId)
    {
        using var connection = Silo.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cardactors_outbox_pending WHERE grain_type = 'card' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", cardId);
        return (long)command.ExecuteScalar()!;
    }
}

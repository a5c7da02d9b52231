using System.Text.Json.Nodes;

namespace CardActors.Grains.Tests;

/// <summary>
/// A change whose calls only restate the card's state (its report to its user) is written once: the
/// delivered entry stays in the stored record until the next write trims it, and an activation does
/// not drain it again unless a pending row says that it may not have been drained (OutboxCommitter).
/// </summary>
public sealed class DeliveredEntryTests : DomainTest
{
    [Fact]
    public async Task A_delivered_report_is_not_written_away_and_its_pending_row_is_cleared()
    {
        var issued = await Scenario.PermanentInAsync(CardState.Issued);
        var active = await Scenario.Card(issued.Id).ActivateAsync();

        // Delivered: the user holds the place for the active card.
        Assert.Contains((await Scenario.User(issued.UserId!).GetAsync()).CardsHoldingPlaces, c => c.CardId == issued.Id && c.State == CardState.Active);

        // Stored once: the record still holds the entry of its version, which a write to forget it would have dropped.
        Assert.Equal([active.Version], StoredSequences(issued.Id));
        await EventuallyAsync(() => PendingRows(issued.Id) == 0);
    }

    [Fact]
    public async Task The_pending_rows_of_cards_changed_at_once_and_again_are_all_cleared()
    {
        // Many clears share one delete (OutboxWriter.ClearPendingSoon), and each card marks its row again for its second change.
        var cards = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Scenario.PermanentInAsync(CardState.Requested)));
        Operators.Act(Scenario.Approver);
        var approved = await Task.WhenAll(cards.Select(c => Scenario.Card(c.Id).ApproveRequestAsync()));
        await EventuallyAsync(() => Count("SELECT COUNT(*) FROM cardactors_outbox_pending WHERE grain_type = $key", "card") == 0);
        Assert.All(approved, c => Assert.Equal([c.Version], StoredSequences(c.Id)));
    }

    [Fact]
    public async Task An_activation_does_not_drain_again_what_an_earlier_activation_delivered()
    {
        // Drained again, the entry would write the search row back.
        var card = await DeliveredRestartedWithoutSearchRowAsync();
        Assert.Equal(card.Version, (await Scenario.Card(card.Id).GetAsync()).Version);
        Assert.Equal(0, SearchRows(card.Id));

        // The next change is projected as ever, and its write trims the entry left behind.
        Operators.Act(Scenario.Approver);
        var approved = await Scenario.Card(card.Id).ApproveRequestAsync();
        Assert.Equal(1, SearchRows(card.Id));
        Assert.Equal([approved.Version], StoredSequences(card.Id));
    }

    [Fact]
    public async Task An_activation_drains_again_when_a_pending_row_names_the_card()
    {
        // As a crash after the state write would leave it: the pending row of a record whose entry may not be drained.
        var card = await DeliveredRestartedWithoutSearchRowAsync();
        Execute("INSERT INTO cardactors_outbox_pending (grain_type, grain_key, since) VALUES ('card', $key, '2026-01-01T00:00:00.0000000+00:00')", card.Id);
        Assert.Equal(card.Version, (await Scenario.Card(card.Id).GetAsync()).Version);

        await EventuallyAsync(() => PendingRows(card.Id) == 0);
        Assert.Equal(1, SearchRows(card.Id));
    }

    /// <summary>A requested card whose report was delivered and pending row cleared, after a restart, with its search row deleted.</summary>
    private async Task<CardDetails> DeliveredRestartedWithoutSearchRowAsync()
    {
        var card = await Scenario.PermanentInAsync(CardState.Requested);
        await EventuallyAsync(() => PendingRows(card.Id) == 0);
        await Silo.RestartAsync();
        Execute("DELETE FROM cardactors_card_search WHERE card_id = $key", card.Id);
        return card;
    }

    private List<long> StoredSequences(string cardId)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT payload FROM cardactors_grain_state WHERE state_name = 'card' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", cardId);
        var row = JsonNode.Parse((byte[])command.ExecuteScalar()!)!;
        return [.. row["state"]!["outbox"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>())];
    }

    private long PendingRows(string cardId) => Count("SELECT COUNT(*) FROM cardactors_outbox_pending WHERE grain_type = 'card' AND grain_key = $key", cardId);

    private long SearchRows(string cardId) => Count("SELECT COUNT(*) FROM cardactors_card_search WHERE card_id = $key", cardId);

    private long Count(string sql, string key)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql, string key)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>The pending row is cleared after the answer, in the writer's next group commit.</summary>
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}

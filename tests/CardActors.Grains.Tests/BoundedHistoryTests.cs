using System.Text.Json;
using System.Text.Json.Nodes;

namespace CardActors.Grains.Tests;

/// <summary><see cref="BoundedHistory"/> on SQLite.</summary>
public sealed class BoundedHistoryTests : BoundedHistory
{
    [Fact]
    public Task A_user_transition_writes_as_many_bytes_with_thousands_of_cards_as_with_a_few() => A_transition_of_a_user_with_thousands_of_cards_writes_as_many_bytes_as_with_a_few();

    [Fact]
    public Task Locking_a_user_with_thousands_of_cards_locks_every_lockable_one() => Locking_a_user_with_thousands_of_cards_locks_every_lockable_one_and_writes_a_small_row();

    [Fact]
    public Task A_card_not_yet_in_the_search_when_its_user_is_locked_is_locked_when_it_reports() => A_card_whose_search_row_had_not_landed_when_its_user_was_locked_is_locked_when_it_reports();

    [Fact]
    public Task Configuration_changes_write_one_version_and_every_version_stays_readable() => Configuration_changes_write_as_many_bytes_after_many_versions_and_every_version_stays_readable();

    [Fact]
    public Task Issuing_certificates_leaves_the_ca_row_as_it_was() => Certificate_issuance_leaves_the_ca_row_as_it_was_after_hundreds_of_certificates();

    /// <summary>A row stored before users kept only places lists every card the user had: the user drops the others when it activates, and keeps its places.</summary>
    [Fact]
    public async Task A_user_row_that_lists_every_card_keeps_only_the_places_after_activation()
    {
        var active = await Scenario.PermanentInAsync(CardState.Active);
        var user = active.UserId!;
        var row = ReadUserRow(user);
        var cards = row["state"]!["cards"]!.AsObject();
        var link = cards[active.Id]!.DeepClone();
        link["state"] = link["state"]!.GetValueKind() == JsonValueKind.String ? JsonValue.Create(nameof(CardState.Approved)) : JsonValue.Create((int)CardState.Approved);
        cards["legacy-approved-card"] = link;
        WriteUserRow(user, row);

        await Silo.RestartAsync();
        Assert.Equal(active.Id, (await Scenario.User(user).GetAsync()).CardsHoldingPlaces.Single().CardId);

        var stored = ReadUserRow(user)["state"]!["cards"]!.AsObject();
        Assert.Equal([active.Id], stored.Select(c => c.Key));
    }

    private JsonNode ReadUserRow(string user)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT payload FROM cardactors_grain_state WHERE state_name = 'user' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", user);
        return JsonNode.Parse((byte[])command.ExecuteScalar()!)!;
    }

    private void WriteUserRow(string user, JsonNode row)
    {
        using var db = Silo.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "UPDATE cardactors_grain_state SET payload = $payload WHERE state_name = 'user' AND grain_key = $key";
        command.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes(row.ToJsonString()));
        command.Parameters.AddWithValue("$key", user);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}

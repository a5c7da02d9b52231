using CardActors.Grains.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Grains.Tests;

/// <summary>No form of a PIN is stored: not by new claims, and not left behind in cards stored before.</summary>
public sealed class PinStorageTests : DomainTest
{
    internal const string OldHash = "pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";

    [Fact]
    public async Task A_produced_card_keeps_no_form_of_its_PIN()
    {
        var card = await Scenario.PermanentInAsync(CardState.Active);

        Assert.Equal(0L, CountRows(card.Id, "%pbkdf2%"));
        Assert.Equal(0L, CountRows(card.Id, "%pinHash%"));
    }

    [Fact]
    public async Task A_card_stored_with_a_PIN_hash_is_written_back_without_it_when_it_is_next_loaded()
    {
        var card = await Scenario.PermanentInAsync(CardState.Active);
        await Silo.RestartAsync();
        await Silo.Services.GetRequiredService<OutdatedCardSweeper>().Completed;
        PlantPinHash(card.Id);
        Assert.Equal(1L, CountRows(card.Id, "%pbkdf2%"));

        var loaded = await Scenario.Card(card.Id).GetAsync();

        Assert.Equal((card.State, card.Version, card.Serial), (loaded.State, loaded.Version, loaded.Serial));
        AssertClean(card.Id);
    }

    [Fact]
    public async Task A_card_stored_with_a_PIN_hash_that_nobody_loads_is_written_back_without_it_at_start()
    {
        var planted = await Scenario.PermanentInAsync(CardState.Active);
        var current = await Scenario.PermanentInAsync(CardState.Active);
        PlantPinHash(planted.Id);

        await Silo.RestartAsync();

        Assert.Equal(1, await Silo.Services.GetRequiredService<OutdatedCardSweeper>().Completed);
        AssertClean(planted.Id);
        var loaded = await Scenario.Card(planted.Id).GetAsync();
        Assert.Equal((planted.State, planted.Version, planted.Serial), (loaded.State, loaded.Version, loaded.Serial));
        Assert.Equal(current.Version, (await Scenario.Card(current.Id).GetAsync()).Version);
    }

    /// <summary>Makes the card's row what a version 1 card looked like: the hash on the card and on the claim of its job.</summary>
    private void PlantPinHash(string cardId)
    {
        using var db = Silo.OpenDatabase();
        using var plant = db.CreateCommand();
        plant.CommandText = """
            UPDATE cardactors_grain_state
            SET payload = CAST(json_set(CAST(payload AS TEXT), '$.v', 1, '$.state.pinHash', $hash, '$.state.jobs[0].pinHash', $hash) AS BLOB)
            WHERE grain_type = 'card' AND state_name = 'card' AND grain_key = $id
            """;
        plant.Parameters.AddWithValue("$id", cardId);
        plant.Parameters.AddWithValue("$hash", OldHash);
        Assert.Equal(1, plant.ExecuteNonQuery());
    }

    private void AssertClean(string cardId)
    {
        Assert.Equal(0L, CountRows(cardId, "%pbkdf2%"));
        Assert.Equal(0L, CountRows(cardId, "%pinHash%"));
        Assert.Equal(0L, CountRows(cardId, "%rewriteOnActivation%"));
    }

    private long CountRows(string cardId, string pattern)
    {
        using var db = Silo.OpenDatabase();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cardactors_grain_state WHERE grain_type = 'card' AND grain_key = $id AND CAST(payload AS TEXT) LIKE $p";
        count.Parameters.AddWithValue("$id", cardId);
        count.Parameters.AddWithValue("$p", pattern);
        return (long)count.ExecuteScalar()!;
    }
}

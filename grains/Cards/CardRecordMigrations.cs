using System.Text.Json.Nodes;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Cards;

/// <summary>The upgrades of stored cards (<see cref="CardRecord"/>), one per version step.</summary>
internal static class CardRecordMigrations
{
    /// <summary>
    /// Version 1 → 2: cards kept a PBKDF2 hash of their PIN (on the card and on each job's claim).
    /// A 6-digit PIN falls to a million guesses of that hash, and nothing needed it, so it goes; the
    /// card is marked to be written back at once, so the old row does not keep the hash.
    /// </summary>
    public static IStateMigration RemovePinHash { get; } = new StateMigration<CardRecord>(1, state =>
    {
        if (state is not JsonObject card)
        {
            return state;
        }

        var removed = card.Remove("pinHash");
        if (card["jobs"] is JsonArray jobs)
        {
            foreach (var job in jobs.OfType<JsonObject>())
            {
                removed |= job.Remove("pinHash");
            }
        }

        if (removed)
        {
            card["rewriteOnActivation"] = true;
        }

        return card;
    });
}

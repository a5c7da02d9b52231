namespace CardActors.Grains.Persistence;

/// <summary>
/// The ids of a user's cards, from the card search table: a user grain keeps only the cards that
/// hold one of its places, so this is where all of them are listed (locking a user pages through it).
/// </summary>
internal sealed class UserCards(DomainDatabase database)
{
    /// <summary>Up to <paramref name="limit"/> card ids of <paramref name="userId"/> after <paramref name="after"/> (null: from the first), in ordinal order.</summary>
    public Task<IReadOnlyList<string>> PageAsync(string userId, string? after, int limit, CancellationToken cancellationToken)
        => database.ReadAsync<IReadOnlyList<string>>(
            async connection =>
            {
                // COLLATE "C" on PostgreSQL: the order of the keyset must be the byte order SQLite uses, whatever the database's collation.
                var order = database.IsPostgres ? "card_id COLLATE \"C\"" : "card_id";
                await using var command = database.Command(
                    connection, null,
                    $"SELECT card_id FROM cardactors_card_search WHERE user_id = $1 AND {order} > $2 ORDER BY {order} LIMIT $3",
                    userId, after ?? string.Empty, limit);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var ids = new List<string>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken);
}

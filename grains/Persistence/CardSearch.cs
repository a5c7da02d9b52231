using System.Data.Common;
using System.Globalization;

namespace CardActors.Grains.Persistence;

internal sealed class CardSearch(DomainDatabase database) : ICardSearch
{
    public async Task<PagedResult<CardSummary>> SearchCardsAsync(CardSearchQuery query, CancellationToken cancellationToken = default)
    {
        Paging.Check(query.Offset, query.Limit, 500);
        var filters = new List<string>();
        var arguments = new List<object?>();
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                arguments.Add(value);
                filters.Add($"{column} = ${arguments.Count}");
            }
        }

        Filter("kind", query.Kind?.ToString());
        Filter("card_type", query.CardType);
        Filter("state", query.State?.ToString());
        Filter("user_id", query.UserId);
        Filter("batch_id", query.BatchId);
        Filter("station_id", query.StationId);
        Filter("job_status", query.JobStatus?.ToString());
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            arguments.Add("%" + Escape(query.Text.Trim().ToLowerInvariant()) + "%");
            filters.Add($"search_text LIKE ${arguments.Count} ESCAPE '\\'");
        }

        var where = filters.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", filters);
        var sort = query.Sort switch
        {
            CardSortField.CreatedAt => "created_at",
            CardSortField.State => "state",
            CardSortField.CardType => "card_type",
            CardSortField.UserId => "user_id",
            CardSortField.Serial => "serial",
            _ => "updated_at",
        };
        var direction = query.Descending ? "DESC" : "ASC";
        return await database.ReadAsync(async connection =>
        {
        await using var count = database.Command(connection, null, $"SELECT COUNT(*) FROM cardactors_card_search {where}", [.. arguments]);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = database.Command(
            connection, null,
            $"SELECT card_id, kind, card_type, state, user_id, batch_id, station_id, serial, job_id, job_status, version, created_at, updated_at FROM cardactors_card_search {where} "
            + $"ORDER BY {sort} {direction}, card_id {direction} LIMIT {query.Limit} OFFSET {query.Offset}",
            [.. arguments]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var items = new List<CardSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CardSummary(
                reader.GetString(0),
                Enum.Parse<CardKind>(reader.GetString(1)),
                reader.GetString(2),
                Enum.Parse<CardState>(reader.GetString(3)),
                AuditTrail.NullableString(reader, 4),
                AuditTrail.NullableString(reader, 5),
                AuditTrail.NullableString(reader, 6),
                AuditTrail.NullableString(reader, 7),
                AuditTrail.NullableString(reader, 8),
                reader.IsDBNull(9) ? null : Enum.Parse<ProductionJobStatus>(reader.GetString(9)),
                reader.GetInt64(10),
                DomainDatabase.ParseTime(reader.GetString(11)),
                DomainDatabase.ParseTime(reader.GetString(12))));
        }

        return new PagedResult<CardSummary>(items, total, query.Offset, query.Limit);
        }, cancellationToken);
    }

    public async Task<PagedResult<UserSummary>> SearchUsersAsync(UserSearchQuery query, CancellationToken cancellationToken = default)
    {
        Paging.Check(query.Offset, query.Limit, 500);
        var filters = new List<string>();
        var arguments = new List<object?>();
        if (query.State is { } state)
        {
            arguments.Add(state.ToString());
            filters.Add($"state = ${arguments.Count}");
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            arguments.Add("%" + Escape(query.Text.Trim().ToLowerInvariant()) + "%");
            filters.Add($"search_text LIKE ${arguments.Count} ESCAPE '\\'");
        }

        var where = filters.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", filters);
        return await database.ReadAsync(async connection =>
        {
        await using var count = database.Command(connection, null, $"SELECT COUNT(*) FROM cardactors_user_search {where}", [.. arguments]);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = database.Command(
            connection, null,
            $"SELECT user_id, display_name, email, department, state, version, updated_at FROM cardactors_user_search {where} ORDER BY user_id LIMIT {query.Limit} OFFSET {query.Offset}",
            [.. arguments]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var items = new List<UserSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new UserSummary(
                reader.GetString(0), reader.GetString(1), AuditTrail.NullableString(reader, 2), AuditTrail.NullableString(reader, 3),
                Enum.Parse<UserState>(reader.GetString(4)), reader.GetInt64(5), DomainDatabase.ParseTime(reader.GetString(6))));
        }

        return new PagedResult<UserSummary>(items, total, query.Offset, query.Limit);
        }, cancellationToken);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

namespace CardActors.Api.Endpoints;

/// <summary>Search over the projection of cards and users: paged, sorted, for operators and auditors.</summary>
internal static class SearchEndpoints
{
    public const int MaxLimit = 500;

    public static Task<PagedResult<CardSummary>> SearchCardsAsync([AsParameters] CardSearchParameters query, ICardSearch search, CancellationToken cancellationToken)
        => search.SearchCardsAsync(ToQuery(query, null), cancellationToken);

    public static Task<PagedResult<CardSummary>> SearchTemporaryCardsAsync([AsParameters] CardSearchParameters query, ICardSearch search, CancellationToken cancellationToken)
        => search.SearchCardsAsync(ToQuery(query, CardKind.Temporary), cancellationToken);

    public static Task<PagedResult<UserSummary>> SearchUsersAsync([AsParameters] UserSearchParameters query, ICardSearch search, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        UserState? state = null;
        if (query.State is not null)
        {
            var known = Enum.TryParse<UserState>(query.State, ignoreCase: true, out var parsed) && !query.State.Any(char.IsDigit);
            validation.Check("state", known, "Must be active, inactive or locked.");
            state = known ? parsed : null;
        }

        Page(validation, query.Offset, query.Limit);
        validation.ThrowIfInvalid();
        return search.SearchUsersAsync(new UserSearchQuery(state, query.Q, query.Offset ?? 0, query.Limit ?? 50), cancellationToken);
    }

    public static void Page(RequestValidation validation, int? offset, int? limit)
        => validation
            .Check("offset", offset is null or >= 0, "Must be 0 or more.")
            .Check("limit", limit is null or (>= 1 and <= MaxLimit), $"Must be 1-{MaxLimit}.");

    private static CardSearchQuery ToQuery(CardSearchParameters query, CardKind? fixedKind)
    {
        var validation = new RequestValidation();
        CardState? state = null;
        if (query.State is not null)
        {
            var known = Json.CardStateJsonConverter.TryParse(query.State, out var parsed);
            validation.Check("state", known, $"Must be one of: {string.Join(", ", Enum.GetValues<CardState>().Where(s => s != CardState.None).Select(s => s.ToDomainName()))}.");
            state = known ? parsed : null;
        }

        var kind = fixedKind;
        foreach (var (field, value) in new[] { ("type", query.Type), ("kind", query.Kind) })
        {
            if (value is null)
            {
                continue;
            }

            var known = Enum.TryParse<CardKind>(value, ignoreCase: true, out var parsed) && !value.Any(char.IsDigit);
            validation.Check(field, known, "Must be permanent or temporary.");
            validation.Check(field, !known || fixedKind is null || parsed == fixedKind, $"Temporary cards are {fixedKind?.ToString().ToLowerInvariant()}.");
            kind = known ? parsed : kind;
        }

        var sort = CardSortField.UpdatedAt;
        if (query.Sort is not null)
        {
            var known = Enum.TryParse(query.Sort, ignoreCase: true, out sort) && !query.Sort.Any(char.IsDigit);
            validation.Check("sort", known, "Must be one of: updatedAt, createdAt, state, cardType, userId, serial.");
        }

        var descending = true;
        if (query.Order is not null)
        {
            var known = query.Order is "asc" or "desc";
            validation.Check("order", known, "Must be asc or desc.");
            descending = query.Order != "asc";
        }

        ProductionJobStatus? jobStatus = null;
        if (query.JobStatus is not null)
        {
            var known = Enum.TryParse<ProductionJobStatus>(query.JobStatus, ignoreCase: true, out var parsed) && !query.JobStatus.Any(char.IsDigit);
            validation.Check("jobStatus", known, "Must be one of: pending, claimed, done, failed, cancelled.");
            jobStatus = known ? parsed : null;
        }

        Page(validation, query.Offset, query.Limit);
        validation.ThrowIfInvalid();
        return new CardSearchQuery(kind, query.CardType, state, query.UserId, query.BatchId, query.StationId, query.Q, sort, descending, query.Offset ?? 0, query.Limit ?? 50, jobStatus);
    }
}

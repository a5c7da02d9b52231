namespace CardActors.Grains;

/// <summary>
/// Searches the projection of cards and users (a service in the silo's container, not a grain).
/// The projection is written from each grain's outbox: it follows the grains, normally before the
/// use case returns, and catches up after a crash; it never holds a change the grain lacks.
/// <c>validation.failed</c> for a bad page.
/// </summary>
public interface ICardSearch
{
    Task<PagedResult<CardSummary>> SearchCardsAsync(CardSearchQuery query, CancellationToken cancellationToken = default);

    Task<PagedResult<UserSummary>> SearchUsersAsync(UserSearchQuery query, CancellationToken cancellationToken = default);
}

using Microsoft.AspNetCore.Http.HttpResults;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>Users (cardholders): create, read, list their cards, search, activate, deactivate, lock.</summary>
internal static class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapPost("", CreateAsync).RequireRoles(Operator, Admin)
            .WithSummary("Create a user (UsersProcCreate)").WithDescription("409 conflict.user-exists when the id is taken.");
        users.MapGet("", SearchEndpoints.SearchUsersAsync).RequireRoles(Operator, Auditor)
            .WithSummary("Search users (paged)");
        users.MapGet("/{id}", (string id, IGrainFactory g) => User(g, id).GetAsync()).RequireRoles(Operator, Approver, Auditor, Admin)
            .WithSummary("A user and the cards that hold one of their places (active card, assigned temporary card, open external orders)");
        users.MapGet("/{id}/cards", CardsAsync).RequireRoles(Operator, Approver, Auditor, Admin)
            .WithSummary("All the cards of a user (paged, oldest first)").WithDescription("From the card search, which may lag a card's last change by a moment. 404 user.not-found.");
        users.MapPost("/{id}/activation", (string id, IGrainFactory g) => User(g, id).ActivateAsync()).RequireRoles(Operator, Admin)
            .WithSummary("Activate a user (UsersProcActivate)").WithDescription("inactive → active.");
        users.MapPost("/{id}/deactivation", (string id, ReasonBody? body, IGrainFactory g)
                => User(g, id).DeactivateAsync(body?.Reason)).RequireRoles(Operator, Admin)
            .WithSummary("Deactivate a user (UsersProcDeactivate)").WithDescription("active → inactive.");
        users.MapPost("/{id}/lock", (string id, ReasonBody? body, IGrainFactory g)
                => User(g, id).LockAsync(body?.Reason)).RequireRoles(Operator, Admin)
            .WithSummary("Lock a user (UsersProcLock)").WithDescription("Final; locks every card of the user and revokes their certificates.");
    }

    /// <summary>A user id goes into paths (<c>/users/{id}</c>) and grain keys: no spaces, no slashes.</summary>
    private static bool IsPlainId(string? id) => id is null || !id.Any(c => char.IsWhiteSpace(c) || c == '/');

    private static IUserGrain User(IGrainFactory grains, string id) => grains.GetGrain<IUserGrain>(id);

    private static async Task<PagedResult<CardSummary>> CardsAsync(string id, [AsParameters] PageParameters page, IGrainFactory grains, ICardSearch search, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        SearchEndpoints.Page(validation, page.Offset, page.Limit);
        validation.ThrowIfInvalid();
        await User(grains, id).GetAsync();
        return await search.SearchCardsAsync(new CardSearchQuery(UserId: id, Sort: CardSortField.CreatedAt, Descending: false, Offset: page.Offset ?? 0, Limit: page.Limit ?? 50), cancellationToken);
    }

    private static async Task<Created<UserDetails>> CreateAsync(CreateUserBody body, IGrainFactory grains)
    {
        new RequestValidation()
            .Text("id", body.Id)
            .Check("id", IsPlainId(body.Id), "Must not contain spaces or '/'.")
            .Text("displayName", body.DisplayName)
            .Text("email", body.Email, required: false)
            .Text("department", body.Department, required: false)
            .ThrowIfInvalid();
        var user = await User(grains, body.Id).CreateAsync(new CreateUserCommand(body.DisplayName, body.Email, body.Department, body.State));
        return TypedResults.Created($"/users/{Uri.EscapeDataString(body.Id)}", user);
    }
}

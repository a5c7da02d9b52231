using CardActors.Api.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>Permanent (personal) cards: one sub-resource per use case of domain.md's Cards table.</summary>
internal static class CardEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var cards = api.MapGroup("/cards").WithTags("Cards");

        cards.MapPost("", RequestAsync).RequireRoles(Operator)
            .WithSummary("Request card (CardsProcRequest)").WithDescription("A new card for an active user: requested with the approval option, else approved.");
        cards.MapPost("/issuances", IssueNewAsync).RequireRoles(Operator)
            .WithSummary("Issue card to a user without a request (CardsProcIssue)").WithDescription("A new card, issued when a station completes its production job.");
        cards.MapPost("/orders", OrderAsync).RequireRoles(Operator)
            .WithSummary("Order card, external production (CardsAddonExtProdProcOrder)").WithDescription("processing (queue option) or ordered.");
        cards.MapGet("", SearchEndpoints.SearchCardsAsync).RequireRoles(Operator, Auditor)
            .WithSummary("Search cards of both kinds (paged, sorted)").WithDescription("e.g. ?state=requested&type=temporary&sort=createdAt&order=asc&offset=0&limit=50");
        cards.MapGet("/{id}", GetAsync).RequireRoles(Operator, Approver, Auditor, Admin, Station, Ops)
            .WithSummary("A card (either kind)");

        cards.MapPost("/{id}/approval", (string id, CommentBody? body, IGrainFactory g)
                => Card(g, id).ApproveRequestAsync(body?.Comment)).RequireRoles(Approver)
            .WithSummary("Approve request (CardsProcApproveRequest)").WithDescription("requested → approved; four-eyes: not by the requester.");
        cards.MapPost("/{id}/rejection", async (string id, RejectionBody body, IGrainFactory g) =>
            {
                new RequestValidation().Text("reason", body.Reason).ThrowIfInvalid();
                return await Card(g, id).RejectRequestAsync(body.Reason);
            }).RequireRoles(Approver)
            .WithSummary("Reject request (CardsProcRejectRequest)").WithDescription("requested → rejected; four-eyes.");
        cards.MapPost("/{id}/abort", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).AbortRequestAsync(body?.Reason)).RequireRoles(Operator)
            .WithSummary("Abort request (UsersProcAbortRequest)").WithDescription("requested → aborted.");
        cards.MapPost("/{id}/issuance", (string id, StationBody? body, IGrainFactory g)
                => Card(g, id).IssueAsync(new IssueCardCommand(StationId: body?.StationId))).RequireRoles(Operator)
            .WithSummary("Issue card (CardsProcIssue)").WithDescription("approved → issued: starts a production job; the card is issued when a station completes it.");
        cards.MapPost("/{id}/activation", ActivateAsync).RequireRoles(Operator)
            .WithSummary("Activate (CardsProcActivate; CardsAddonExtProdProcActivate for a produced card)")
            .WithDescription("issued → active; produced → active after the encoding job a station completes.");
        cards.MapPost("/{id}/deactivation", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).DeactivateAsync(body?.Reason)).RequireRoles(Operator)
            .WithSummary("Deactivate (CardsProcDeactivate)").WithDescription("active → inactive, or pending approval with the approval option.");
        cards.MapPost("/{id}/reactivation", (string id, IGrainFactory g) => Card(g, id).ReactivateAsync()).RequireRoles(Operator)
            .WithSummary("Reactivate (CardsProcReactivate)").WithDescription("inactive → active.");
        cards.MapPost("/{id}/lock", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).LockAsync(body?.Reason)).RequireRoles(Operator)
            .WithSummary("Lock (CardsProcLock)").WithDescription("active or inactive → locked (final), or pending approval with the approval option.");
        cards.MapPost("/{id}/pending-change/approval", (string id, IGrainFactory g) => Card(g, id).ApprovePendingAsync()).RequireRoles(Approver)
            .WithSummary("Approve a pending deactivation or lock").WithDescription("Four-eyes: not by its requester.");
        cards.MapPost("/{id}/pending-change/rejection", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).RejectPendingAsync(body?.Reason)).RequireRoles(Approver)
            .WithSummary("Reject a pending deactivation or lock");
        cards.MapPost("/{id}/pin-unblock", (string id, IGrainFactory g) => Card(g, id).StartPinUnblockAsync()).RequireRoles(Operator)
            .WithoutIdempotencyRecord()
            .WithSummary("Unblock PIN at the card: get its PUK and a new PUK (CardsProcUnblockRemote)")
            .WithDescription("active → active. Answers, once, the card's PUK and a new PUK (kept encrypted, pending): the client resets the PIN on the card with RESET RETRY COUNTER "
                + "(the new PIN never reaches the cluster), sets the new PUK with CHANGE REFERENCE DATA, then confirms. Until confirmed, asking again answers the same pair with resumed=true. "
                + "See station/README.md, `station unblock`.");
        cards.MapPost("/{id}/pin-unblock/confirmation", (string id, IGrainFactory g) => Card(g, id).ConfirmPinUnblockAsync()).RequireRoles(Operator)
            .WithSummary("Confirm that the new PUK is on the card")
            .WithDescription("The pending PUK becomes the card's. Repeating it changes nothing.");
        cards.MapPost("/{id}/order/abort", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).AbortOrderAsync(body?.Reason)).RequireRoles(Operator)
            .WithSummary("Abort card order (CardsAddonExtProdProcAbort)").WithDescription("processing → aborted, while the order is queued.");
    }

    private static ICardGrain Card(IGrainFactory grains, string id) => grains.GetGrain<ICardGrain>(id);

    private static async Task<Created<CardDetails>> RequestAsync(RequestCardBody body, IGrainFactory grains, HttpContext http)
    {
        new RequestValidation().Text("userId", body.UserId).Text("cardType", body.CardType).ThrowIfInvalid();
        return await CreateAsync(http, grains, body.UserId, body.CardType, card => card.RequestAsync(new RequestCardCommand(body.UserId, body.CardType, body.Comment)));
    }

    private static async Task<Created<CardDetails>> IssueNewAsync(IssueNewCardBody body, IGrainFactory grains, HttpContext http)
    {
        new RequestValidation().Text("userId", body.UserId).Text("cardType", body.CardType).Text("stationId", body.StationId, required: false).ThrowIfInvalid();
        return await CreateAsync(http, grains, body.UserId, body.CardType, card => card.IssueAsync(new IssueCardCommand(body.UserId, body.CardType, body.StationId)));
    }

    private static async Task<Created<CardDetails>> OrderAsync(OrderCardBody body, IGrainFactory grains, HttpContext http)
    {
        new RequestValidation().Text("userId", body.UserId).Text("cardType", body.CardType).Text("productionType", body.ProductionType, required: false).ThrowIfInvalid();
        return await CreateAsync(http, grains, body.UserId, body.CardType, card => card.OrderAsync(new OrderCardCommand(body.UserId, body.CardType, body.ProductionType)));
    }

    /// <summary>
    /// Makes a new card under a new id. When an earlier request with the same idempotency key made
    /// it and its answer was lost (its silo died after the commit, or the call timed out), the id is
    /// the same (it derives from the key's seed) and the grain refuses to make it again: the card is
    /// then this request's own, and the answer is what the first request would have answered.
    /// </summary>
    private static async Task<Created<CardDetails>> CreateAsync(HttpContext http, IGrainFactory grains, string? userId, string? cardType, Func<ICardGrain, Task<CardDetails>> create)
    {
        var id = ResourceIds.New(http);
        var grain = Card(grains, id);
        try
        {
            return TypedResults.Created($"/cards/{id}", await create(grain));
        }
        catch (DomainException) when (http.Features.Get<IdempotencyFeature>() is { Resumed: true })
        {
            if (await MadeEarlierAsync(grain, userId, cardType) is not { } card)
            {
                throw;
            }

            return TypedResults.Created($"/cards/{id}", card);
        }
    }

    /// <summary>The card, when it exists and is the one the request asked for (user and card type); else null.</summary>
    private static async Task<CardDetails?> MadeEarlierAsync(ICardGrain grain, string? userId, string? cardType)
    {
        try
        {
            var card = await grain.GetAsync();
            return card.UserId == userId && card.CardType == cardType ? card : null;
        }
        catch (DomainException)
        {
            return null;
        }
    }

    /// <summary>Either kind: the permanent card grain refuses a temporary card with <c>card.wrong-kind</c>.</summary>
    private static async Task<CardDetails> GetAsync(string id, IGrainFactory grains)
    {
        try
        {
            return await Card(grains, id).GetAsync();
        }
        catch (DomainException exception) when (exception.Code == ErrorCodes.CardWrongKind)
        {
            return await grains.GetGrain<ITemporaryCardGrain>(id).GetTemporaryAsync();
        }
    }

    /// <summary>
    /// One resource for both activations: a produced (externally made) card is encoded during its
    /// activation, any other card is activated as issued. The grain checks the state again, so a
    /// card that changed in between is refused, never activated the wrong way.
    /// </summary>
    private static async Task<CardDetails> ActivateAsync(string id, StationBody? body, IGrainFactory grains)
    {
        var card = Card(grains, id);
        var current = await card.GetAsync();
        return current.State == CardState.Produced
            ? await card.ActivateProducedAsync(body?.StationId)
            : await card.ActivateAsync();
    }
}

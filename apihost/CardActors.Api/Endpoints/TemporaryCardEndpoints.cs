using Microsoft.AspNetCore.Http.HttpResults;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>Temporary (pool) cards: domain.md's Temporary cards table.</summary>
internal static class TemporaryCardEndpoints
{
    /// <summary>The pool grain is stateless; one key is enough.</summary>
    private const string PoolKey = "default";

    public static void Map(RouteGroupBuilder api)
    {
        var cards = api.MapGroup("/temporary-cards").WithTags("Temporary cards");

        cards.MapPost("", RequestAsync).RequireRoles(Operator)
            .WithSummary("Request temporary cards (TempCardsProcRequest)").WithDescription("1-9 new cards in state requested.");
        cards.MapPost("/orders", OrderAsync).RequireRoles(Operator)
            .WithSummary("Order temporary cards, external production (TempCardsAddonExtProdProcOrder)").WithDescription("1-9 cards, processing (queue option) or ordered.");
        cards.MapGet("", SearchEndpoints.SearchTemporaryCardsAsync).RequireRoles(Operator, Auditor)
            .WithSummary("Search temporary cards (paged, sorted)");
        cards.MapGet("/{id}", (string id, IGrainFactory g) => Card(g, id).GetTemporaryAsync()).RequireRoles(Operator, Approver, Auditor, Admin, Station, Ops)
            .WithSummary("A temporary card");
        cards.MapPost("/{id}/order/abort", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).AbortTemporaryOrderAsync(body?.Reason)).RequireRoles(Operator)
            .WithSummary("Abort temporary card order (TempCardsAddonExtProdProcAbort)").WithDescription("processing → aborted.");
        cards.MapPost("/{id}/initialization", (string id, StationBody? body, IGrainFactory g)
                => Card(g, id).InitializeAsync(body?.StationId)).RequireRoles(Operator)
            .WithSummary("Initialize temporary card (TempCardsAddonExtProdInitialize)").WithDescription("produced → unassigned when a station completes the encoding job.");
        cards.MapPost("/{id}/assignment", async (string id, AssignTemporaryCardBody body, IGrainFactory g) =>
            {
                new RequestValidation().Text("userId", body.UserId).ThrowIfInvalid();
                return await Card(g, id).AssignAsync(new AssignTemporaryCardCommand(body.UserId));
            }).RequireRoles(Operator)
            .WithSummary("Assign temporary card (TempCardsProcAssign)").WithDescription("unassigned → assigned; the user's permanent card becomes temporarily inactive.");
        cards.MapPost("/{id}/extension", (string id, ExtendTemporaryCardBody? body, IGrainFactory g)
                => Card(g, id).ExtendAsync(new ExtendTemporaryCardCommand(body?.ValidUntil, body?.Reencode ?? false))).RequireRoles(Operator)
            .WithSummary("Extend temporary card (TempCardsProcExtend)");
        cards.MapPost("/{id}/withdrawal", (string id, WithdrawTemporaryCardBody body, IGrainFactory g)
                => Card(g, id).WithdrawAsync(body.Reason)).RequireRoles(Operator)
            .WithSummary("Withdraw temporary card (TempCardsProcWithdraw)").WithDescription("assigned or expired → unassigned; reason lost or noLongerNeeded.");
        cards.MapPost("/{id}/lock", (string id, ReasonBody? body, IGrainFactory g)
                => Card(g, id).LockTemporaryAsync(body?.Reason)).RequireRoles(Operator)
            .WithSummary("Lock temporary card (TempCardsProcLock)").WithDescription("assigned or unassigned → locked (final).");
    }

    private static ITemporaryCardGrain Card(IGrainFactory grains, string id) => grains.GetGrain<ITemporaryCardGrain>(id);

    private static async Task<Created<IReadOnlyList<CardDetails>>> RequestAsync(RequestTemporaryCardsBody body, IGrainFactory grains)
    {
        new RequestValidation().Text("cardType", body.CardType).ThrowIfInvalid();
        var cards = await grains.GetGrain<ITemporaryCardPoolGrain>(PoolKey).RequestAsync(new RequestTemporaryCardsCommand(body.CardType, body.Amount));
        return TypedResults.Created(Location(cards), cards);
    }

    private static async Task<Created<IReadOnlyList<CardDetails>>> OrderAsync(OrderTemporaryCardsBody body, IGrainFactory grains)
    {
        new RequestValidation().Text("cardType", body.CardType).Text("userId", body.UserId).Text("productionType", body.ProductionType, required: false).ThrowIfInvalid();
        var cards = await grains.GetGrain<ITemporaryCardPoolGrain>(PoolKey)
            .OrderAsync(new OrderTemporaryCardsCommand(body.CardType, body.Amount, body.UserId, body.ProductionType));
        return TypedResults.Created(Location(cards), cards);
    }

    /// <summary>The first new card: several were made, a Location can name only one.</summary>
    private static string? Location(IReadOnlyList<CardDetails> cards) => cards.Count > 0 ? $"/temporary-cards/{cards[0].Id}" : null;
}

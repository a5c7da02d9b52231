using CardActors.Api.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>Batch orders: issue multiple (temporary) cards, request or order multiple cards, complete, repeat production.</summary>
internal static class BatchOrderEndpoints
{
    private const int MaxItemsPerPage = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        var batches = api.MapGroup("/batch-orders").WithTags("Batch orders");

        batches.MapPost("/card-issues", (IssueMultipleBody body, IGrainFactory g, HttpContext http)
                => StartAsync(http, g, Validate(body), (b, c) => b.StartIssueMultipleCardsAsync(c))).RequireRoles(Operator)
            .WithSummary("Issue multiple cards (CardsBoProcIssueMultiple)")
            .WithDescription("A production job per approved card, pushed to the online stations of lineId, one job per station at a time; a job of a station that goes offline "
                + "(or whose job lease lapses) goes to another. 404 line.not-found for a line without stations.");
        batches.MapPost("/card-issue", (IssueCardOnLineBody body, IGrainFactory g, HttpContext http) =>
            {
                new RequestValidation().Text("cardType", body.CardType).Text("cardId", body.CardId).Text("lineId", body.LineId).ThrowIfInvalid();
                return StartAsync(http, g, new IssueMultipleCommand(body.CardType, [body.CardId]) { LineId = body.LineId }, (b, c) => b.StartIssueCardAsync(c));
            }).RequireRoles(Operator)
            .WithSummary("Issue card (CardsProcIssue) on a line, as a batch of one")
            .WithDescription("approved → issued: the card's job is pushed to a station of lineId and taken over like a batch's; Complete order and Repeat production apply.");
        batches.MapPost("/temporary-card-issues", (IssueMultipleBody body, IGrainFactory g, HttpContext http)
                => StartAsync(http, g, Validate(body), (b, c) => b.StartIssueMultipleTemporaryCardsAsync(c))).RequireRoles(Operator)
            .WithSummary("Issue multiple temporary cards (TempCardsBoProcIssueMultiple)").WithDescription("A production job per requested temporary card; unassigned when done.");
        batches.MapPost("/card-requests", (UsersBatchBody body, IGrainFactory g, HttpContext http)
                => StartAsync(http, g, Validate(body), (b, c) => b.StartRequestMultipleCardsAsync(c))).RequireRoles(Operator)
            .WithSummary("Request multiple cards (CardsBoProcRequestMulitple)").WithDescription("A card per active user; users that are not active become rejected items.");
        batches.MapPost("/card-orders", (UsersBatchBody body, IGrainFactory g, HttpContext http)
                => StartAsync(http, g, Validate(body), (b, c) => b.StartOrderMultipleCardsAsync(c))).RequireRoles(Operator)
            .WithSummary("Order multiple cards, external production (CardsAddonExtProdBoProcOrderMultiple)");
        batches.MapGet("/{id}", (string id, int? offset, int? limit, IGrainFactory g) =>
            {
                new RequestValidation()
                    .Check("offset", offset is null or >= 0, "Must be 0 or more.")
                    .Check("limit", limit is null or (>= 1 and <= MaxItemsPerPage), $"Must be 1-{MaxItemsPerPage}.")
                    .ThrowIfInvalid();
                return Batch(g, id).GetPageAsync(offset ?? 0, limit ?? MaxItemsPerPage);
            }).RequireRoles(Operator, Ops, Auditor)
            .WithSummary("A batch order, its items and its progress")
            .WithDescription("Items from offset (default 0), at most limit (1-1000, default 1000); the counts are of all items: done, failed and pending "
                + "(inProgress: claimed by a station), cards per hour over the last hour, and the estimated completion at that rate.");
        batches.MapPost("/{id}/completion", (string id, IGrainFactory g) => Batch(g, id).CompleteAsync()).RequireRoles(Operator)
            .WithSummary("Complete order").WithDescription("409 conflict.batch-state while jobs are pending or when completed already.");
        batches.MapPost("/{id}/repeat-production", (string id, RepeatProductionBody? body, IGrainFactory g) =>
            {
                new RequestValidation()
                    .List("cardIds", body?.CardIds, required: false)
                    .List("misprintedCardIds", body?.MisprintedCardIds, required: false)
                    .ThrowIfInvalid();
                return Batch(g, id).RepeatProductionAsync(new RepeatProductionCommand(body?.CardIds)
                {
                    MisprintedCardIds = body?.MisprintedCardIds,
                    Reason = body?.Reason,
                });
            }).RequireRoles(Operator)
            .WithSummary("Repeat production")
            .WithDescription("A new job (fresh card, new secrets) for each failed item, or for those named in cardIds; "
                + "misprintedCardIds voids the physical cards of done items (serial recorded, certificates revoked) and produces them again.");
    }

    private static IBatchOrderGrain Batch(IGrainFactory grains, string id) => grains.GetGrain<IBatchOrderGrain>(id);

    private static IssueMultipleCommand Validate(IssueMultipleBody body)
    {
        new RequestValidation().Text("cardType", body.CardType).List("cardIds", body.CardIds).List("stationIds", body.StationIds, required: false)
            .Text("lineId", body.LineId, required: false).ThrowIfInvalid();
        return new IssueMultipleCommand(body.CardType, body.CardIds, body.StationIds) { LineId = body.LineId };
    }

    private static RequestMultipleCommand Validate(UsersBatchBody body)
    {
        new RequestValidation().Text("cardType", body.CardType).List("userIds", body.UserIds).Text("productionType", body.ProductionType, required: false).ThrowIfInvalid();
        return new RequestMultipleCommand(body.CardType, body.UserIds, body.ProductionType);
    }

    private static async Task<Created<BatchOrderDetails>> StartAsync<TCommand>(
        HttpContext http, IGrainFactory grains, TCommand command, Func<IBatchOrderGrain, TCommand, Task<BatchOrderDetails>> start)
    {
        var id = ResourceIds.New(http);
        var batch = await start(Batch(grains, id), command);
        return TypedResults.Created($"/batch-orders/{id}", batch);
    }
}

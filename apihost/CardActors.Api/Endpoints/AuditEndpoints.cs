using static CardActors.Api.Security.ApiRoles;

namespace CardActors.Api.Endpoints;

/// <summary>The audit trail, oldest first: global, per card, per user (their rows and their cards'); and the check of its hash chain.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");

        audit.MapGet("", ([AsParameters] PageParameters page, IAuditTrail trail, CancellationToken ct)
                => ReadAsync(trail, null, null, page, ct)).RequireRoles(Auditor)
            .WithSummary("Every audit row (paged)");
        audit.MapGet("/cards/{cardId}", (string cardId, [AsParameters] PageParameters page, IAuditTrail trail, CancellationToken ct)
                => ReadAsync(trail, cardId, null, page, ct)).RequireRoles(Auditor)
            .WithSummary("The audit rows of a card (paged)");
        audit.MapGet("/users/{userId}", (string userId, [AsParameters] PageParameters page, IAuditTrail trail, CancellationToken ct)
                => ReadAsync(trail, null, userId, page, ct)).RequireRoles(Auditor)
            .WithSummary("The audit rows of a user and of their cards (paged)");
        audit.MapGet("/verification", (IAuditTrail trail, CancellationToken ct) => trail.VerifyAsync(ct)).RequireRoles(Auditor)
            .WithSummary("Recompute the hash chain and report the first broken row");
    }

    private static Task<PagedResult<AuditEntry>> ReadAsync(IAuditTrail trail, string? cardId, string? userId, PageParameters page, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        SearchEndpoints.Page(validation, page.Offset, page.Limit);
        validation.ThrowIfInvalid();
        return trail.ReadAsync(new AuditQuery(cardId, userId, page.Offset ?? 0, page.Limit ?? 100), cancellationToken);
    }
}

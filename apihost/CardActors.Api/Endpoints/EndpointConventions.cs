using CardActors.Api.Security;
using Microsoft.AspNetCore.Authorization;

namespace CardActors.Api.Endpoints;

internal static class EndpointConventions
{
    /// <summary>Admits API keys with any of <paramref name="roles"/>; the 403 problem names them.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(new AuthorizeAttribute
        {
            AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName,
            Roles = string.Join(',', roles),
        });

    /// <summary>The problems every API endpoint may answer, for the OpenAPI document.</summary>
    public static RouteGroupBuilder ProducesCommonProblems(this RouteGroupBuilder group)
    {
        group.ProducesProblem(StatusCodes.Status400BadRequest);
        group.ProducesProblem(StatusCodes.Status401Unauthorized);
        group.ProducesProblem(StatusCodes.Status403Forbidden);
        group.ProducesProblem(StatusCodes.Status404NotFound);
        group.ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}

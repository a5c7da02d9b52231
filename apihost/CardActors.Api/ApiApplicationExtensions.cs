using CardActors.Api.Endpoints;
using CardActors.Api.Hosting;
using CardActors.Api.Idempotency;
using CardActors.Api.Problems;

namespace CardActors.Api;

public static class ApiApplicationExtensions
{
    /// <summary>
    /// Adds the API's middleware (authentication, authorization, request context, idempotency,
    /// problem details) and maps its endpoints, the OpenAPI document (<c>/openapi/v1.json</c>)
    /// and the browsable API page (<c>/swagger</c>).
    /// </summary>
    public static WebApplication MapCardActorsApi(this WebApplication app)
    {
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<DomainRequestContextMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseMiddleware<ApiErrorMiddleware>();

        app.MapOpenApi("/openapi/{documentName}.json");
        // Only under /swagger: the UI's middleware otherwise inspects every API request's path.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger => swagger.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "CardActors API";
            o.SwaggerEndpoint("/openapi/v1.json", "CardActors API v1");
        }));

        var api = app.MapGroup("").WithMetadata(IdempotentEndpoint.Instance).ProducesCommonProblems().AddEndpointFilter<FieldLimitFilter>();
        CardEndpoints.Map(api);
        TemporaryCardEndpoints.Map(api);
        ExternalProductionEndpoints.Map(api);
        BatchOrderEndpoints.Map(api);
        ProductionJobEndpoints.Map(api);
        StationEndpoints.Map(api);
        UserEndpoints.Map(api);
        ConfigurationEndpoints.Map(api);
        AuditEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        CertificateAuthorityEndpoints.Map(api);
        MemberCertificateEndpoints.Map(api);
        return app;
    }
}

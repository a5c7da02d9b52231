using CardActors.Api.Idempotency;
using CardActors.Api.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CardActors.Api.Hosting;

/// <summary>The OpenAPI document's additions: the API key scheme, and the Idempotency-Key header on the POSTs that honour it.</summary>
internal static class ApiOpenApi
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer(ApiOpenApiSchemas.TransformAsync);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CardActors API";
            document.Info.Description =
                "Card management for workforce smart cards. Authenticate with an API key in X-Api-Key (or Authorization: ApiKey KEY); "
                + "each operation names the roles it admits. Errors are RFC 9457 problem details with a stable `code`. "
                + "POSTs honour Idempotency-Key.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key; configured as SHA-256 under CardActors:Api:Keys, or made by --seed-demo.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase) && metadata.OfType<IdempotentEndpoint>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Any unique string (e.g. a UUID): a retry with the same key and body returns the first response and creates nothing twice.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            var roles = metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Roles).Where(r => r is not null).ToList();
            if (roles.Count > 0)
            {
                operation.Description = $"{operation.Description} Roles: {string.Join(", ", roles)}.".Trim();
            }

            return Task.CompletedTask;
        });
    }
}

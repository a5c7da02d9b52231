using CardActors.Api.Hosting;
using CardActors.Api.Idempotency;
using CardActors.Api.Json;
using CardActors.Api.Problems;
using CardActors.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CardActors.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the HTTP API: API-key authentication (the idempotency and key-store grains live in this
    /// assembly and are found by every silo that references it), JSON and problem-details settings, and the OpenAPI document.
    /// Throws <see cref="OptionsValidationException"/> naming each bad setting of <c>CardActors:Api</c>.
    /// </summary>
    public static IServiceCollection AddCardActorsApi(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ApiOptions.SectionName);
        ApiOptions options;
        try
        {
            options = section.Get<ApiOptions>() ?? new ApiOptions();
        }
        catch (InvalidOperationException exception)
        {
            throw new OptionsValidationException(ApiOptions.SectionName, typeof(ApiOptions), [exception.Message]);
        }

        var failures = options.Validate().ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ApiOptions.SectionName, typeof(ApiOptions), failures);
        }

        services.AddOptions<ApiOptions>().Bind(section);
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<DemoApiKeys>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // Binding failures throw, so that ApiErrorMiddleware answers them with problem details instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.ContainsKey("code"))
            {
                var code = problem.Status switch
                {
                    StatusCodes.Status404NotFound => "route.not-found",
                    StatusCodes.Status405MethodNotAllowed => "request.method-not-allowed",
                    StatusCodes.Status415UnsupportedMediaType => ApiErrorCodes.UnsupportedMediaType,
                    StatusCodes.Status500InternalServerError => ApiErrorCodes.ServerError,
                    _ => $"http.{problem.Status}",
                };
                problem.Extensions["code"] = code;
                problem.Type = $"urn:cardactors:problem:{code}";
            }

            if (context.HttpContext.Response.Headers.TryGetValue(DomainRequestContextMiddleware.CorrelationHeader, out var correlation))
            {
                problem.Extensions["correlationId"] = correlation.ToString();
            }
        });
        services.AddOpenApi(ApiOpenApi.Configure);
        return services;
    }
}

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
        services.AddSingleton<IdempotencyHolderOfThisRun>();
        services.AddHostedService<IdempotencyRunHeartbeat>();
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
                    StatusCodes.Status404NotFound => ApiErrorCodes.RouteNotFound,
                    StatusCodes.Status405MethodNotAllowed => ApiErrorCodes.MethodNotAllowed,
                    StatusCodes.Status415UnsupportedMediaType => ApiErrorCodes.UnsupportedMediaType,
                    StatusCodes.Status500InternalServerError => ApiErrorCodes.ServerError,
                    _ => $"http.{problem.Status}",
                };
                problem.Extensions["code"] = code;
                problem.Type = $"urn:cardactors:problem:{code}";
            }

            // Problems the framework makes (no route, wrong method or media type) come without a detail.
            var request = context.HttpContext.Request;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => $"There is no {request.Method} {request.Path}; the endpoints are in /openapi/v1.json.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}; the operations it has are in /openapi/v1.json.",
                StatusCodes.Status415UnsupportedMediaType => "The body must be JSON: send Content-Type: application/json.",
                StatusCodes.Status500InternalServerError => "Something failed on our side; the correlation id helps to find it.",
                _ => $"The request failed with status {problem.Status}.",
            };

            if (context.HttpContext.Response.Headers.TryGetValue(DomainRequestContextMiddleware.CorrelationHeader, out var correlation))
            {
                problem.Extensions["correlationId"] = correlation.ToString();
            }
        });
        services.AddOpenApi(ApiOpenApi.Configure);
        // Kestrel answers a request line over 8 KB with a bare 414 before the app sees it; admit longer
        // lines so that RequestLimitsMiddleware answers with a problem (a body limit of its own applies too).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, 64 * 1024);
        });
        return services;
    }
}

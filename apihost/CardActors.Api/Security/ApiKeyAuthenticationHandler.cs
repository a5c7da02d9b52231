using System.Security.Claims;
using System.Text.Encodings.Web;
using CardActors.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CardActors.Api.Security;

/// <summary>
/// Authenticates <c>X-Api-Key: KEY</c> or <c>Authorization: ApiKey KEY</c> against the key
/// directory; the key's name becomes the identity's name and its roles become role claims.
/// Challenges and refusals are answered with problem details, not empty 401/403 responses.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory directory,
    IAuthorizationPolicyProvider policies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private const string InvalidKeyItem = "cardactors.invalid-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await directory.FindAsync(key);
        if (caller is null)
        {
            Context.Items[InvalidKeyItem] = true;
            return AuthenticateResult.Fail("The API key is not known.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name) };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        var invalid = Context.Items.ContainsKey(InvalidKeyItem);
        var problem = invalid
            ? ApiProblems.Result(StatusCodes.Status401Unauthorized, ApiErrorCodes.KeyInvalid, "The API key is not valid.", "The key in X-Api-Key (or Authorization: ApiKey) is not known.")
            : ApiProblems.Result(StatusCodes.Status401Unauthorized, ApiErrorCodes.KeyMissing, "An API key is required.", $"Send the key in the {HeaderName} header or as Authorization: ApiKey KEY.");
        return problem.ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // Roles come from [Authorize(Roles)] data and from named policies (the dashboard's "ops") alike.
        var policy = await AuthorizationPolicy.CombineAsync(policies, Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? []);
        var required = policy?.Requirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles)
            .Distinct(StringComparer.Ordinal)
            .ToArray() ?? [];
        await ApiProblems.Result(
            StatusCodes.Status403Forbidden,
            ApiErrorCodes.RoleForbidden,
            "The API key's role does not allow this.",
            $"{Context.User.Identity?.Name} may not call {Request.Method} {Request.Path}.",
            [new("requiredRoles", required)]).ExecuteAsync(Context);
    }

    /// <summary>Whether the request carries an API key, valid or not.</summary>
    public static bool HasKey(HttpRequest request) => ReadKey(request) is not null;

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string prefix = SchemeName + " ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > prefix.Length
            ? authorization[prefix.Length..].Trim()
            : null;
    }
}

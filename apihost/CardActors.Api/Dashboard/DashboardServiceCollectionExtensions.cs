using CardActors.Api.Problems;
using CardActors.Api.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// The dashboard's access control: the <c>ops</c> policy, met by an API key (scripts, curl) or
    /// by a session cookie from the sign-in form (browsers, which cannot send a key when they
    /// navigate). The API's own endpoints keep the API-key scheme alone.
    /// </summary>
    public static IServiceCollection AddCardActorsDashboardSignIn(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddPolicyScheme(DashboardAuthentication.Scheme, "API key or dashboard session", o => o.ForwardDefaultSelector = context
                => ApiKeyAuthenticationHandler.HasKey(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : DashboardAuthentication.CookieScheme)
            .AddCookie(DashboardAuthentication.CookieScheme, o =>
            {
                // The ticket (key name and roles, never the key) is encrypted and signed by data protection.
                o.Cookie.Name = DashboardAuthentication.CookieName;
                o.Cookie.Path = DashboardAuthentication.PathPrefix;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = DashboardAuthentication.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = DashboardAuthentication.SignInPath;
                o.LogoutPath = DashboardAuthentication.SignOutPath;
                o.Events.OnRedirectToLogin = RedirectBrowsersOnly;
                o.Events.OnRedirectToAccessDenied = Forbidden;
            });
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuthentication.PolicyName, policy => policy
            .AddAuthenticationSchemes(DashboardAuthentication.Scheme)
            .RequireRole(ApiRoles.Ops));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = DashboardAuthentication.AntiforgeryCookieName;
            o.Cookie.Path = DashboardAuthentication.PathPrefix;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    /// <summary>
    /// A page navigation goes to the sign-in form; anything else (the dashboard's own data calls
    /// after the session ended, scripts) gets the API's 401 problem, which a script can act on.
    /// </summary>
    private static Task RedirectBrowsersOnly(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        var wantsPage = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        if (wantsPage)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = ApiKeyAuthenticationHandler.SchemeName;
        return ApiProblems.Result(
            StatusCodes.Status401Unauthorized,
            ApiErrorCodes.KeyMissing,
            "An API key or a dashboard session is required.",
            $"Send a key with the ops role in the {ApiKeyAuthenticationHandler.HeaderName} header, or sign in at {DashboardAuthentication.SignInPath}.").ExecuteAsync(context.HttpContext);
    }

    /// <summary>Only ops keys get a session, so this is a session of a key whose roles were changed in the configuration since.</summary>
    private static Task Forbidden(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
        => ApiProblems.Result(
            StatusCodes.Status403Forbidden,
            ApiErrorCodes.RoleForbidden,
            "The API key's role does not allow this.",
            $"{context.HttpContext.User.Identity?.Name} may not open the dashboard.",
            [new("requiredRoles", new[] { ApiRoles.Ops })]).ExecuteAsync(context.HttpContext);
}

using System.Security.Claims;
using CardActors.Api.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace CardActors.Api.Dashboard;

/// <summary>
/// Serves the Orleans dashboard at <c>/dashboard</c> for the ops role, with a sign-in form for
/// browsers. The host must have added the dashboard's services (<c>AddDashboard()</c> on its silo
/// or client builder) and <see cref="DashboardServiceCollectionExtensions.AddCardActorsDashboardSignIn"/>.
/// </summary>
/// <remarks>
/// Forgery: the session cookie is SameSite=Strict, so no other site can make a browser send it;
/// both forms also carry an antiforgery token (double submit: a SameSite=Strict cookie and a form
/// field), because sign-in itself has no session to protect it: without the token another site
/// could sign a browser in with the attacker's key (login CSRF), and SameSite is not honoured by
/// every browser or proxy set-up.
/// </remarks>
public static class DashboardEndpoints
{
    public static WebApplication MapCardActorsDashboard(this WebApplication app)
    {
        // The dashboard's page loads its script and data by relative URLs, which resolve under
        // /dashboard/ only. Routing does not tell /dashboard from /dashboard/ (both reach the
        // dashboard's page), so the slash is added here, after authorization has run.
        app.Use((context, next) =>
        {
            if (string.Equals(context.Request.Path.Value, DashboardAuthentication.PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(context.Request.PathBase + DashboardAuthentication.PathPrefix + "/" + context.Request.QueryString);
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapOrleansDashboard(routePrefix: DashboardAuthentication.PathPrefix)
            .RequireAuthorization(DashboardAuthentication.PolicyName)
            .ExcludeFromDescription();

        var signIn = app.MapGroup("").ExcludeFromDescription().AllowAnonymous();
        signIn.MapGet(DashboardAuthentication.SignInPath, (HttpContext context, IAntiforgery antiforgery) => DashboardPages.SignIn(context, antiforgery));
        signIn.MapPost(DashboardAuthentication.SignInPath, SignInAsync);
        signIn.MapGet(DashboardAuthentication.SignOutPath, (HttpContext context, IAntiforgery antiforgery) => DashboardPages.SignOut(context, antiforgery));
        signIn.MapPost(DashboardAuthentication.SignOutPath, SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, ApiKeyDirectory directory, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(DashboardLog.Category);
        var remote = context.Connection.RemoteIpAddress?.ToString();
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            DashboardLog.AntiforgeryRefused(logger, remote);
            return DashboardPages.Expired(context, antiforgery);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = form[DashboardAuthentication.KeyField].ToString().Trim();
        var caller = key.Length == 0 ? null : await directory.FindAsync(key);
        if (caller is null)
        {
            DashboardLog.SignInRefused(logger, remote, "unknown API key");
            return DashboardPages.SignIn(context, antiforgery, "This API key is not valid.", StatusCodes.Status401Unauthorized);
        }

        if (!caller.Roles.Contains(ApiRoles.Ops, StringComparer.Ordinal))
        {
            DashboardLog.SignInRefused(logger, remote, $"API key {caller.Name} has no ops role");
            return DashboardPages.SignIn(context, antiforgery, "This API key does not have the ops role.", StatusCodes.Status403Forbidden);
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name) };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardAuthentication.CookieScheme, ClaimTypes.Name, ClaimTypes.Role));
        // Not persistent: the cookie ends with the browser session, the ticket after the idle timeout.
        await context.SignInAsync(DashboardAuthentication.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false });
        DashboardLog.SignedIn(logger, caller.Name);
        // 303: the browser follows with a GET, so a reload does not post the key again.
        return SeeOther(context, DashboardAuthentication.PathPrefix + "/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(DashboardLog.Category);
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            DashboardLog.AntiforgeryRefused(logger, context.Connection.RemoteIpAddress?.ToString());
            return DashboardPages.Expired(context, antiforgery);
        }

        var session = await context.AuthenticateAsync(DashboardAuthentication.CookieScheme);
        await context.SignOutAsync(DashboardAuthentication.CookieScheme);
        if (session.Principal?.Identity?.Name is { } name)
        {
            DashboardLog.SignedOut(logger, name);
        }

        return SeeOther(context, DashboardAuthentication.SignInPath);
    }

    private static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}

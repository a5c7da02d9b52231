using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace CardActors.Api.Dashboard;

/// <summary>
/// The sign-in and sign-out pages: plain HTML forms with no script and nothing loaded from
/// elsewhere, so that a strict Content-Security-Policy can forbid everything else.
/// </summary>
internal static class DashboardPages
{
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult SignIn(HttpContext context, IAntiforgery antiforgery, string? error = null, int status = StatusCodes.Status200OK)
        => Page(context, status, "Sign in", $"""
            <h1>CardActors dashboard</h1>
            <p>Sign in with an API key that has the <code>ops</code> role.</p>
            {ErrorParagraph(error)}
            <form method="post" action="{DashboardAuthentication.SignInPath}">
              {TokenField(context, antiforgery)}
              <label for="{DashboardAuthentication.KeyField}">API key</label>
              <input id="{DashboardAuthentication.KeyField}" name="{DashboardAuthentication.KeyField}" type="password" autocomplete="off" required autofocus>
              <button type="submit" id="sign-in">Sign in</button>
            </form>
            """);

    public static IResult SignOut(HttpContext context, IAntiforgery antiforgery)
        => Page(context, StatusCodes.Status200OK, "Sign out", $"""
            <h1>CardActors dashboard</h1>
            <form method="post" action="{DashboardAuthentication.SignOutPath}">
              {TokenField(context, antiforgery)}
              <button type="submit" id="sign-out">Sign out</button>
            </form>
            """);

    public static IResult Expired(HttpContext context, IAntiforgery antiforgery)
        => SignIn(context, antiforgery, "The form was stale or not sent by this page. Please try again.", StatusCodes.Status400BadRequest);

    private static string ErrorParagraph(string? error)
        => error is null ? "" : $"""<p class="error" id="error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";

    private static string TokenField(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">""";
    }

    private static IResult Page(HttpContext context, int status, string title, string body)
    {
        // The pages carry a fresh antiforgery token: no cache may keep them.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{title}} · CardActors dashboard</title>
            <style>
              body { font-family: sans-serif; max-width: 28rem; margin: 4rem auto; }
              label, input, button { display: block; margin-top: .5rem; }
              input { width: 100%; }
              .error { color: #b00020; }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

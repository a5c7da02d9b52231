using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CardActors.Api.Dashboard;
using CardActors.Api.Security;

namespace CardActors.Api.Tests;

/// <summary>The Orleans dashboard at /dashboard: ops only, by API key or by a session from the sign-in form.</summary>
public sealed partial class DashboardTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_sign_in_form()
    {
        using var browser = fixture.Host.BrowserClient();

        using var response = await browser.SendAsync(Navigation("/dashboard/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DashboardAuthentication.SignInPath, response.Headers.Location!.AbsolutePath);
        using var form = await browser.SendAsync(Navigation(response.Headers.Location.PathAndQuery));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"apiKey\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task A_request_without_key_or_session_is_401_key_missing(string path)
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-missing");
    }

    [Theory]
    [InlineData(TestKeys.Operator)]
    [InlineData(TestKeys.Admin)]
    [InlineData(TestKeys.Auditor)]
    public async Task A_key_without_the_ops_role_is_403(string key)
    {
        using var client = fixture.Host.Client(key);

        foreach (var path in new[] { "/dashboard/", "/dashboard/ClusterStats" })
        {
            using var response = await client.GetAsync(path);
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
            Assert.Equal([ApiRoles.Ops], problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Fact]
    public async Task An_unknown_key_is_401_key_invalid()
    {
        using var client = fixture.Host.Client("not-a-key");

        using var response = await client.GetAsync("/dashboard/");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-invalid");
    }

    [Fact]
    public async Task The_ops_key_opens_the_dashboard_and_its_data()
    {
        using var client = fixture.Host.Client(TestKeys.Ops);

        await AssertDashboardAnswersAsync(client);
    }

    [Fact]
    public async Task Dashboard_without_the_slash_is_redirected_to_it()
    {
        using var browser = fixture.Host.BrowserClient();
        browser.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, TestKeys.Ops);

        using var response = await browser.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_key_shows_an_error_and_sets_no_session()
    {
        using var browser = fixture.Host.BrowserClient();

        using var response = await SignInAsync(browser, "not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("id=\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SessionCookie(response));
        using var after = await browser.GetAsync("/dashboard/DashboardCounters");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-missing");
    }

    [Fact]
    public async Task Sign_in_with_a_key_without_ops_is_refused_and_sets_no_session()
    {
        using var browser = fixture.Host.BrowserClient();

        using var response = await SignInAsync(browser, TestKeys.Admin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ops role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SessionCookie(response));
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var browser = fixture.Host.BrowserClient();
        using var page = await browser.SendAsync(Navigation(DashboardAuthentication.SignInPath));

        using var response = await browser.PostAsync(DashboardAuthentication.SignInPath, new FormUrlEncodedContent([new(DashboardAuthentication.KeyField, TestKeys.Ops)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(SessionCookie(response));
    }

    [Fact]
    public async Task Sign_in_with_the_ops_key_starts_a_session_and_sign_out_ends_it()
    {
        using var browser = fixture.Host.BrowserClient();

        using var signedIn = await SignInAsync(browser, TestKeys.Ops);

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/dashboard/", signedIn.Headers.Location!.OriginalString);
        var cookie = SessionCookie(signedIn);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        // A session cookie (no Expires): it ends with the browser; the ticket inside ends when idle.
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestKeys.Ops, cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.NameOf(TestKeys.Ops), cookie, StringComparison.Ordinal);
        await AssertDashboardAnswersAsync(browser);

        // The session is the dashboard's only: the API's endpoints still want a key.
        using var api = await browser.GetAsync("/configuration");
        await api.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-missing");

        using var signOutPage = await browser.SendAsync(Navigation(DashboardAuthentication.SignOutPath));
        using var signedOut = await browser.PostAsync(DashboardAuthentication.SignOutPath, new FormUrlEncodedContent([Token(await signOutPage.Content.ReadAsStringAsync())]));

        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal(DashboardAuthentication.SignInPath, signedOut.Headers.Location!.OriginalString);
        using var data = await browser.GetAsync("/dashboard/DashboardCounters");
        await data.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-missing");
        using var page = await browser.SendAsync(Navigation("/dashboard/"));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    private static async Task AssertDashboardAnswersAsync(HttpClient client)
    {
        using var page = await client.SendAsync(Navigation("/dashboard/"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var path in new[] { "/dashboard/index.min.js", "/dashboard/DashboardCounters", "/dashboard/ClusterStats", "/dashboard/TopGrainMethods" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Loads the sign-in form (for its antiforgery token and cookie) and posts <paramref name="key"/> with it.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key)
    {
        using var form = await browser.SendAsync(Navigation(DashboardAuthentication.SignInPath));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = Token(await form.Content.ReadAsStringAsync());
        return await browser.PostAsync(DashboardAuthentication.SignInPath, new FormUrlEncodedContent([token, new(DashboardAuthentication.KeyField, key)]));
    }

    private static KeyValuePair<string, string> Token(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the form has no antiforgery token");
        return new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    private static string? SessionCookie(HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(DashboardAuthentication.CookieName + "=", StringComparison.Ordinal))
            : null;

    private static HttpRequestMessage Navigation(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenField();
}

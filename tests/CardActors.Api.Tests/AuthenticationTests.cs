using System.Net;
using System.Net.Http.Json;
using CardActors.Api.Security;

namespace CardActors.Api.Tests;

/// <summary>401 without or with a wrong key, 403 for a role an endpoint does not admit, for every endpoint and every role.</summary>
public sealed class AuthenticationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private const string O = ApiRoles.Operator, A = ApiRoles.Approver, D = ApiRoles.Admin, S = ApiRoles.Station, U = ApiRoles.Auditor, P = ApiRoles.Ops;

    /// <summary>Every authenticated endpoint and the roles it admits (unknown ids: nothing is changed by the admitted calls).</summary>
    public static TheoryData<string, string, string> Endpoints { get; } = new()
    {
        { "POST", "/cards", O },
        { "POST", "/cards/issuances", O },
        { "POST", "/cards/orders", O },
        { "GET", "/cards", $"{O},{U}" },
        { "GET", "/cards/none", $"{O},{A},{U},{D},{S},{P}" },
        { "POST", "/cards/none/approval", A },
        { "POST", "/cards/none/rejection", A },
        { "POST", "/cards/none/abort", O },
        { "POST", "/cards/none/issuance", O },
        { "POST", "/cards/none/activation", O },
        { "POST", "/cards/none/deactivation", O },
        { "POST", "/cards/none/reactivation", O },
        { "POST", "/cards/none/lock", O },
        { "POST", "/cards/none/pending-change/approval", A },
        { "POST", "/cards/none/pending-change/rejection", A },
        { "POST", "/cards/none/pin-unblock", O },
        { "POST", "/cards/none/pin-unblock/confirmation", O },
        { "POST", "/cards/none/order/abort", O },
        { "POST", "/temporary-cards", O },
        { "POST", "/temporary-cards/orders", O },
        { "GET", "/temporary-cards", $"{O},{U}" },
        { "GET", "/temporary-cards/none", $"{O},{A},{U},{D},{S},{P}" },
        { "POST", "/temporary-cards/none/order/abort", O },
        { "POST", "/temporary-cards/none/initialization", O },
        { "POST", "/temporary-cards/none/assignment", O },
        { "POST", "/temporary-cards/none/extension", O },
        { "POST", "/temporary-cards/none/withdrawal", O },
        { "POST", "/temporary-cards/none/lock", O },
        { "GET", "/external-production/dispatcher", $"{D},{P}" },
        { "POST", "/external-production/dispatcher/pause", D },
        { "POST", "/external-production/dispatcher/resume", D },
        { "POST", "/external-production/dispatcher/runs", D },
        { "POST", "/batch-orders/card-issues", O },
        { "POST", "/batch-orders/temporary-card-issues", O },
        { "POST", "/batch-orders/card-requests", O },
        { "POST", "/batch-orders/card-orders", O },
        { "GET", "/batch-orders/none", $"{O},{P},{U}" },
        { "POST", "/batch-orders/none/completion", O },
        { "POST", "/batch-orders/none/repeat-production", O },
        { "GET", "/production/jobs/none.1", $"{S},{O},{P}" },
        { "POST", "/production/jobs/none.1/claim", S },
        { "POST", "/production/jobs/none.1/certificates", S },
        { "POST", "/production/jobs/none.1/result", S },
        { "POST", "/users", $"{O},{D}" },
        { "GET", "/users", $"{O},{U}" },
        { "GET", "/users/none", $"{O},{A},{U},{D}" },
        { "GET", "/users/none/cards", $"{O},{A},{U},{D}" },
        { "POST", "/users/none/activation", $"{O},{D}" },
        { "POST", "/users/none/deactivation", $"{O},{D}" },
        { "POST", "/users/none/lock", $"{O},{D}" },
        { "GET", "/configuration", $"{D},{O},{U},{P}" },
        { "GET", "/configuration/versions/1", $"{D},{U}" },
        { "GET", "/configuration/use-cases", $"{D},{O},{U},{P}" },
        { "PUT", "/configuration/card-types/none", D },
        { "PUT", "/configuration/card-types/none/use-cases/CardsProcRequest", D },
        { "POST", "/configuration/card-types/none/enabled-use-cases", D },
        { "GET", "/audit", U },
        { "GET", "/audit/cards/none", U },
        { "GET", "/audit/users/none", U },
        { "GET", "/audit/verification", U },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_every_endpoint_answers_401_with_problem_details(string method, string path, string roles)
    {
        Assert.NotEmpty(roles);
        using var client = fixture.Host.Client();

        using var response = await client.SendAsync(Request(method, path));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-missing");
        Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_is_admitted_or_refused_with_403(string method, string path, string roles)
    {
        var admitted = roles.Split(',');
        foreach (var (key, name, keyRoles) in TestKeys.All)
        {
            using var client = fixture.Host.Client(key);
            using var response = await client.SendAsync(Request(method, path));
            if (keyRoles.Intersect(admitted).Any())
            {
                Assert.True(
                    response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError),
                    $"{name} ({string.Join(",", keyRoles)}) on {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
                Assert.Equal(admitted.Order(), problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()!).Order());
            }
        }
    }

    [Fact]
    public async Task An_unknown_key_is_401_key_invalid()
    {
        using var client = fixture.Host.Client("not-a-key");

        using var response = await client.GetAsync("/cards");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.key-invalid");
    }

    [Fact]
    public async Task The_key_may_come_as_Authorization_ApiKey()
    {
        using var client = fixture.Host.Client();
        client.DefaultRequestHeaders.Authorization = new("ApiKey", TestKeys.Auditor);

        using var response = await client.GetAsync("/audit/verification");

        await response.AssertSuccessAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_OpenAPI_and_the_API_page_need_no_key()
    {
        using var client = fixture.Host.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/cards", "/cards/{id}/approval", "/temporary-cards/orders", "/external-production/status-events", "/audit/verification" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the OpenAPI document lacks {path}");
        }

        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
        var requestCard = paths.GetProperty("/cards").GetProperty("post");
        Assert.Contains(requestCard.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Contains("Roles: operator", requestCard.GetProperty("description").GetString(), StringComparison.Ordinal);
        using var page = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        return request;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CardActors.Api.Tests;

/// <summary>Bad input is a 400 validation.failed naming the fields, never a 500; unknown ids 404; conflicts 409; each with its stable code.</summary>
public sealed class ValidationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <param name="fields">Comma-separated: each must be named in the problem's <c>errors</c>.</param>
    private static async Task AssertValidationFailedNamingAsync(HttpResponseMessage response, string fields)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        var errors = problem.GetProperty("errors");
        foreach (var field in fields.Split(','))
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors lack {field}: {problem}");
        }
    }

    [Theory]
    [InlineData("/cards", "{\"userId\": \"u1\", ", "$")]
    [InlineData("/cards", "not json at all", "$")]
    [InlineData("/temporary-cards", "{\"cardType\": \"temporary\", \"amount\": \"three\"}", "amount")]
    [InlineData("/temporary-cards", "{\"cardType\": \"temporary\", \"amount\": 2.5}", "amount")]
    [InlineData("/temporary-cards", "{\"cardType\": \"temporary\", \"amount\": \"3\"}", "amount")]
    [InlineData("/temporary-cards", "{\"cardType\": 7, \"amount\": 3}", "cardType")]
    [InlineData("/temporary-cards/none/withdrawal", "{\"reason\": \"stolen\"}", "reason")]
    [InlineData("/temporary-cards/none/withdrawal", "{\"reason\": 1}", "reason")]
    [InlineData("/users", "{\"id\": \"x1\", \"displayName\": \"X\", \"state\": \"sleeping\"}", "state")]
    public async Task Malformed_JSON_wrong_types_and_unknown_enum_values_are_400_naming_the_field(string path, string body, string field)
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.PostAsync(path, Json(body));

        await AssertValidationFailedNamingAsync(response, field);
    }

    [Theory]
    [InlineData("{\"kind\": \"permanent\", \"profile\": {\"application\": \"PIV\", \"keySlots\": null, \"managementKeyAlgorithm\": \"AES256\"}}", "profile.keySlots")]
    [InlineData("{\"kind\": \"permanent\", \"profile\": {\"application\": \"PIV\", \"keySlots\": [null], \"managementKeyAlgorithm\": \"AES256\"}}", "profile.keySlots[0]")]
    [InlineData("{\"kind\": \"permanent\", \"profile\": {\"application\": \"PIV\", \"keySlots\": [{\"slot\": \"9A\", \"algorithm\": null, \"certificateTemplate\": \"a\"}], \"managementKeyAlgorithm\": \"AES256\"}}", "profile.keySlots[0].algorithm")]
    public async Task A_card_profile_with_nulls_is_400_and_issuing_still_works(string body, string field)
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await admin.PutAsync("/configuration/card-types/direct", Json(body));

        await AssertValidationFailedNamingAsync(response, field);
        await client.PostAsync("/cards/issuances", new { userId = await client.CreateUserAsync(), cardType = "direct" }, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/cards", "{}", "userId,cardType")]
    [InlineData("/cards", "{\"userId\": \"u1\"}", "cardType")]
    [InlineData("/cards", "{\"userId\": \"\", \"cardType\": \"employee\"}", "userId")]
    [InlineData("/cards", "{\"userId\": null, \"cardType\": \"employee\"}", "userId")]
    [InlineData("/temporary-cards/orders", "{\"cardType\": \"temporary\"}", "amount,userId")]
    [InlineData("/batch-orders/card-requests", "{\"cardType\": \"employee\", \"userIds\": [\"a\", \"\"]}", "userIds[1]")]
    [InlineData("/users", "{\"id\": \"has space\", \"displayName\": \"X\"}", "id")]
    public async Task Missing_or_empty_fields_are_400_naming_each(string path, string body, string fields)
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.PostAsync(path, Json(body));

        await AssertValidationFailedNamingAsync(response, fields);
    }

    [Fact]
    public async Task A_missing_body_is_400_and_a_body_that_is_not_JSON_is_415()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var missing = await client.PostAsync("/cards", null);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");

        using var text = await client.PostAsync("/cards", new StringContent("userId=1", Encoding.UTF8, "text/plain"));
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type");
    }

    [Theory]
    [InlineData("/cards?state=lost", "state")]
    [InlineData("/cards?state=3", "state")]
    [InlineData("/cards?type=plastic", "type")]
    [InlineData("/cards?sort=colour", "sort")]
    [InlineData("/cards?order=up", "order")]
    [InlineData("/cards?limit=0", "limit")]
    [InlineData("/cards?limit=501", "limit")]
    [InlineData("/cards?offset=-1", "offset")]
    [InlineData("/cards?offset=abc", "offset")]
    [InlineData("/users?state=gone", "state")]
    public async Task Bad_query_values_are_400_naming_the_parameter(string path, string field)
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.GetAsync(path);

        await AssertValidationFailedNamingAsync(response, field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    public async Task Temporary_card_amounts_outside_1_to_9_are_400_amount_out_of_range(int amount)
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.PostAsJsonAsync("/temporary-cards", new { cardType = "temporary", amount });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "amount.out-of-range");
    }

    [Theory]
    [InlineData("/cards/no-such-card", "card.not-found")]
    [InlineData("/temporary-cards/no-such-card", "card.not-found")]
    [InlineData("/users/no-such-user", "user.not-found")]
    [InlineData("/users/no-such-user/cards", "user.not-found")]
    [InlineData("/batch-orders/no-such-batch", "batch.not-found")]
    public async Task Unknown_ids_are_404(string path, string code)
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task An_unknown_job_is_404_and_an_unknown_route_is_404_problem()
    {
        using var station = fixture.Host.Client(TestKeys.Station);
        using var job = await station.GetAsync("/production/jobs/nodots");
        await job.AssertProblemAsync(HttpStatusCode.NotFound, "job.not-found");

        using var route = await station.GetAsync("/no/such/route");
        await route.AssertProblemAsync(HttpStatusCode.NotFound, "route.not-found");
    }

    [Fact]
    public async Task A_card_for_an_unknown_user_is_404_and_for_an_inactive_user_user_not_active()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var unknown = await client.PostAsJsonAsync("/cards", new { userId = "nobody-" + Guid.NewGuid(), cardType = "employee" });
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "user.not-found");

        var user = await client.CreateUserAsync(state: "inactive");
        using var inactive = await client.PostAsJsonAsync("/cards", new { userId = user, cardType = "employee" });
        var problem = await inactive.AssertProblemAsync(HttpStatusCode.Conflict, "user.not-active");
        Assert.Contains(user, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_transition_is_409_naming_the_state_and_the_use_case()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();
        var card = await client.RequestCardAsync(user);

        using var response = await client.PostAsync($"/cards/{card.Id()}/reactivation", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "card.invalid-transition");
        Assert.Equal("requested", problem.GetProperty("currentState").GetString());
        Assert.Equal("CardsProcReactivate", problem.GetProperty("useCase").GetString());
    }

    [Fact]
    public async Task A_use_case_not_enabled_is_403_usecase_disabled_and_a_taken_user_id_is_409()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        using var define = await admin.PutAsJsonAsync("/configuration/card-types/visitor", new { kind = "permanent" });
        await define.AssertSuccessAsync(HttpStatusCode.OK);
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();

        using var disabled = await client.PostAsJsonAsync("/cards", new { userId = user, cardType = "visitor" });
        var problem = await disabled.AssertProblemAsync(HttpStatusCode.Forbidden, "usecase.disabled");
        Assert.Equal("CardsProcRequest", problem.GetProperty("useCase").GetString());

        using var taken = await client.PostAsJsonAsync("/users", new { id = user, displayName = "Again" });
        await taken.AssertProblemAsync(HttpStatusCode.Conflict, "conflict.user-exists");
    }
}

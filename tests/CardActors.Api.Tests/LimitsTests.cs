using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CardActors.Api.Tests;

/// <summary>Field, body and URL limits (README, Limits), and the framework's own 4xx as problems a caller can act on.</summary>
public sealed class LimitsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task AssertFieldNamedAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors lack {field}: {problem}");
    }

    [Fact]
    public async Task A_comment_over_1000_characters_is_400_naming_it_and_nothing_is_created()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();

        using var response = await client.PostAsJsonAsync("/cards", new { userId = user, cardType = "employee", comment = new string('x', 1001) });

        await AssertFieldNamedAsync(response, "comment");
        var cards = await client.GetJsonAsync($"/cards?userId={user}");
        Assert.Equal(0, cards.GetProperty("total").GetInt32());
        await client.PostAsync("/cards", new { userId = user, cardType = "employee", comment = new string('x', 1000) }, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/cards/none/rejection", "{\"reason\": \"R\"}", "reason", 1001)]
    [InlineData("/cards", "{\"userId\": \"R\", \"cardType\": \"employee\"}", "userId", 201)]
    [InlineData("/batch-orders/card-requests", "{\"cardType\": \"employee\", \"userIds\": [\"u1\", \"R\"]}", "userIds[1]", 201)]
    public async Task Text_over_its_limit_is_400_naming_the_field(string path, string template, string field, int length)
    {
        using var client = fixture.Host.Client(TestKeys.OperatorApprover);

        using var response = await client.PostAsync(path, Json(template.Replace("\"R\"", $"\"{new string('r', length)}\"", StringComparison.Ordinal)));

        await AssertFieldNamedAsync(response, field);
    }

    [Fact]
    public async Task An_id_over_200_characters_in_the_path_or_the_query_is_400_naming_it()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var path = await client.GetAsync($"/cards/{new string('a', 201)}");
        await AssertFieldNamedAsync(path, "id");
        using var query = await client.GetAsync($"/cards?userId={new string('a', 201)}");
        await AssertFieldNamedAsync(query, "userId");
    }

    [Fact]
    public async Task A_10000_character_URL_is_a_414_problem()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var path = await client.GetAsync($"/cards/{new string('a', 10_000)}");
        await path.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "request.uri-too-long");
        using var query = await client.GetAsync($"/cards?q={new string('a', 10_000)}");
        await query.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "request.uri-too-long");
    }

    [Fact]
    public async Task A_body_over_64_KB_is_a_413_problem_with_or_without_a_length()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var body = $"{{\"userId\": \"u1\", \"cardType\": \"employee\", \"comment\": \"{new string('x', 70_000)}\"}}";

        using var sized = await client.PostAsync("/cards", Json(body));
        await sized.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too-large");

        using var chunked = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");
        using var unsized = await client.PostAsync("/cards", chunked);
        await unsized.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too-large");
    }

    [Fact]
    public async Task An_empty_body_asks_for_a_JSON_body_in_the_callers_words()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.PostAsync("/cards", Json(""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out var errors), problem.ToString());
        Assert.DoesNotContain("Implicit body", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Service", errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"userId\": \"u1\", \"cardType\": \"empl")]
    [InlineData("{\"userId\": \"u1\", \"cardType\": \"employee\"")]
    [InlineData("{\"userId\": \"u1\", \"cardType\": ")]
    public async Task Truncated_JSON_blames_the_body_not_a_field(string body)
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var response = await client.PostAsync("/cards", Json(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("$", out _), problem.ToString());
        Assert.False(errors.TryGetProperty("cardType", out _), problem.ToString());
    }

    [Fact]
    public async Task The_frameworks_404_405_and_415_are_problems_with_a_detail()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);

        using var notFound = await client.GetAsync("/no/such/route");
        await notFound.AssertProblemAsync(HttpStatusCode.NotFound, "route.not-found");
        using var method = await client.DeleteAsync("/cards");
        await method.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "request.method-not-allowed");
        using var media = await client.PostAsync("/cards", new StringContent("userId=1", Encoding.UTF8, "text/plain"));
        await media.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type");
    }

    [Fact]
    public async Task Cards_whose_production_failed_at_a_station_are_found_by_jobStatus()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var user = await client.CreateUserAsync();
        var card = await client.RequestCardAsync(user, "contractor");
        var issued = await client.PostAsync($"/cards/{card.Id()}/issuance");
        await station.ProduceAsync(issued.JobId(), succeed: false);

        var found = await client.GetJsonAsync($"/cards?jobStatus=failed&userId={user}");

        var item = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal((card.Id(), "approved", "failed"), (item.Id(), item.State(), item.GetProperty("jobStatus").GetString()));
        using var bad = await client.GetAsync("/cards?jobStatus=broken");
        await AssertFieldNamedAsync(bad, "jobStatus");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CardActors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CardActors.Api.Tests;

/// <summary>Stations, lines and a batch's progress through HTTP, with in-process stations that get their jobs pushed.</summary>
public sealed class StationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task An_admin_registers_stations_and_bad_input_is_a_problem_that_changes_nothing()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        using var op = fixture.Host.Client(TestKeys.Operator);

        using (var blank = await admin.PutAsJsonAsync("/stations/api-st-bad", new { lineId = " ", reader = "", cardTypes = new[] { "" }, profiles = new[] { "PIV" } }))
        {
            var problem = await blank.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
            Assert.Equal(["cardTypes[0]", "lineId", "reader"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        using (var none = await admin.PutAsJsonAsync("/stations/api-st-bad", new { lineId = "api-line-x", reader = "r", cardTypes = Array.Empty<string>(), profiles = new[] { "PIV" } }))
        {
            await none.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }

        using (var unknownType = await admin.PutAsJsonAsync("/stations/api-st-bad", new { lineId = "api-line-x", reader = "r", cardTypes = new[] { "no-such-type" }, profiles = new[] { "PIV" } }))
        {
            await unknownType.AssertProblemAsync(HttpStatusCode.NotFound, "cardtype.not-found");
        }

        using (var notAdmin = await op.PutAsJsonAsync("/stations/api-st-bad", new { lineId = "api-line-x", reader = "r", cardTypes = new[] { "employee" }, profiles = new[] { "PIV" } }))
        {
            await notAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        }

        using (var missing = await op.GetAsync("/stations/api-st-bad"))
        {
            await missing.AssertProblemAsync(HttpStatusCode.NotFound, "station.not-found");
        }

        using (var noLine = await op.GetAsync("/lines/api-line-x"))
        {
            await noLine.AssertProblemAsync(HttpStatusCode.NotFound, "line.not-found");
        }

        var registered = await admin.PutJsonAsync("/stations/api-st-reg", new { lineId = "api-line-reg", reader = "Virtual PCD 00 00", cardTypes = new[] { "employee" }, profiles = new[] { "PIV" } });
        Assert.Equal(("api-line-reg", false), (registered.GetProperty("lineId").GetString(), registered.GetProperty("online").GetBoolean()));
        Assert.Contains("api-st-reg", (await op.GetJsonAsync("/stations")).EnumerateArray().Select(s => s.Id()));
        Assert.DoesNotContain("api-st-bad", (await op.GetJsonAsync("/stations")).EnumerateArray().Select(s => s.Id()));
        Assert.Equal(["api-st-reg"], (await op.GetJsonAsync("/lines/api-line-reg")).GetProperty("stations").EnumerateArray().Select(s => s.Id()));
    }

    [Fact]
    public async Task A_batch_on_a_line_is_made_by_its_stations_and_its_progress_has_counts_and_a_rate()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        using var op = fixture.Host.Client(TestKeys.Operator);
        using var ops = fixture.Host.Client(TestKeys.Ops);
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var stations = new List<InProcessStation>();
        try
        {
            foreach (var id in new[] { "api-st-1", "api-st-2" })
            {
                await admin.PutJsonAsync($"/stations/{id}", new { lineId = "api-line", reader = $"Virtual PCD {id}", cardTypes = new[] { "contractor" }, profiles = new[] { "PIV" } });
                stations.Add(await InProcessStation.StartAsync(grains, id, TimeSpan.FromMilliseconds(500)));
            }

            var users = new[] { await op.CreateUserAsync(), await op.CreateUserAsync(), await op.CreateUserAsync() };
            var requests = await op.PostAsync("/batch-orders/card-requests", new { cardType = "contractor", userIds = users }, HttpStatusCode.Created);
            var cardIds = requests.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("cardId").GetString()!).ToArray();
            using (var unknownLine = await op.PostAsJsonAsync("/batch-orders/card-issues", new { cardType = "contractor", cardIds, lineId = "no-such-line" }))
            {
                await unknownLine.AssertProblemAsync(HttpStatusCode.NotFound, "line.not-found");
            }

            var batch = await op.PostAsync("/batch-orders/card-issues", new { cardType = "contractor", cardIds, lineId = "api-line" }, HttpStatusCode.Created);

            var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            JsonElement progress;
            while ((progress = await ops.GetJsonAsync($"/batch-orders/{batch.Id()}")).GetProperty("done").GetInt32() < 3)
            {
                Assert.True(DateTime.UtcNow < until, $"the batch was not made: {progress}");
                await Task.Delay(100);
            }

            Assert.Equal(("api-line", 0, 0, 0), (progress.GetProperty("lineId").GetString(), progress.GetProperty("pending").GetInt32(),
                progress.GetProperty("inProgress").GetInt32(), progress.GetProperty("failed").GetInt32()));
            Assert.True(progress.GetProperty("cardsPerHour").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, progress.GetProperty("estimatedCompletion").ValueKind);
            Assert.All(cardIds, id => Assert.Equal("issued", op.GetJsonAsync($"/cards/{id}").Result.State()));

            // Issue card as a batch of one, on the same line.
            var single = (await op.PostAsync("/batch-orders/card-requests", new { cardType = "contractor", userIds = new[] { await op.CreateUserAsync() } }, HttpStatusCode.Created))
                .GetProperty("items")[0].GetProperty("cardId").GetString()!;
            using (var noCard = await op.PostAsJsonAsync("/batch-orders/card-issue", new { cardType = "contractor", cardId = "", lineId = "api-line" }))
            {
                await noCard.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
            }

            var one = await op.PostAsync("/batch-orders/card-issue", new { cardType = "contractor", cardId = single, lineId = "api-line" }, HttpStatusCode.Created);
            Assert.Equal("issueCard", one.GetProperty("kind").GetString());
            while ((progress = await ops.GetJsonAsync($"/batch-orders/{one.Id()}")).GetProperty("done").GetInt32() < 1)
            {
                Assert.True(DateTime.UtcNow < until, $"the card was not made: {progress}");
                await Task.Delay(100);
            }

            Assert.Equal("issued", (await op.GetJsonAsync($"/cards/{single}")).State());

            var line = await ops.GetJsonAsync("/lines/api-line");
            var lineStations = line.GetProperty("stations").EnumerateArray().ToList();
            Assert.Equal(["api-st-1", "api-st-2"], lineStations.Select(s => s.Id()));
            Assert.All(lineStations, s => Assert.True(s.GetProperty("online").GetBoolean()));
            Assert.Equal(4, lineStations.Sum(s => s.GetProperty("done").GetInt64()));
            Assert.Equal([batch.Id(), one.Id()], line.GetProperty("openBatches").EnumerateArray().Select(b => b.GetString()));
        }
        finally
        {
            foreach (var station in stations)
            {
                await station.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_stations_lines_and_batch_progress()
    {
        using var client = fixture.Host.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/stations", "/stations/{id}", "/lines/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the document");
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("StationDetails").GetProperty("properties").TryGetProperty("cardsPerHour", out _));
        Assert.True(schemas.GetProperty("LineDetails").GetProperty("properties").TryGetProperty("queuedJobs", out _));
        Assert.True(schemas.GetProperty("RegisterStationBody").GetProperty("properties").TryGetProperty("profiles", out _));
        var batch = schemas.GetProperty("BatchOrderDetails").GetProperty("properties");
        foreach (var member in new[] { "done", "failed", "pending", "inProgress", "cardsPerHour", "estimatedCompletion", "lineId" })
        {
            Assert.True(batch.TryGetProperty(member, out _), $"BatchOrderDetails lacks {member}");
        }
    }
}

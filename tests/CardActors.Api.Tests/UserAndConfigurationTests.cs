using System.Net;
using System.Net.Http.Json;

namespace CardActors.Api.Tests;

/// <summary>Users, configuration and audit endpoints through HTTP.</summary>
public sealed class UserAndConfigurationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Users_are_created_found_deactivated_activated_and_locked_with_their_cards()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var user = await client.CreateUserAsync();
        var card = await client.RequestCardAsync(user, "contractor");
        await station.ProduceAsync((await client.PostAsync($"/cards/{card.Id()}/issuance")).JobId());
        await client.PostAsync($"/cards/{card.Id()}/activation");

        var found = await client.GetJsonAsync($"/users?q={user}");
        Assert.Equal(user, Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal("inactive", (await client.PostAsync($"/users/{user}/deactivation", new { reason = "leave" })).GetProperty("state").GetString());
        Assert.Equal("active", (await client.PostAsync($"/users/{user}/activation")).GetProperty("state").GetString());
        Assert.Equal("locked", (await client.PostAsync($"/users/{user}/lock", new { reason = "left the company" })).GetProperty("state").GetString());

        var details = await client.GetJsonAsync($"/users/{user}");
        Assert.Empty(details.GetProperty("cardsHoldingPlaces").EnumerateArray());
        var cards = await client.GetJsonAsync($"/users/{user}/cards?limit=10");
        Assert.Equal((1, card.Id(), "locked"), (cards.GetProperty("total").GetInt32(), Assert.Single(cards.GetProperty("items").EnumerateArray()).Id(), cards.GetProperty("items")[0].State()));
        Assert.Equal("locked", (await client.GetJsonAsync($"/cards/{card.Id()}")).State());
    }

    [Fact]
    public async Task Option_changes_keep_the_other_values_make_a_version_and_a_stale_version_is_409()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        var before = await admin.GetJsonAsync("/configuration");
        var version = before.GetProperty("version").GetInt32();

        var after = await admin.PutJsonAsync("/configuration/card-types/temporary/use-cases/TempCardsBoProcIssueMultiple", new { enabled = true, options = new { pinLength = 8 } });

        var options = after.GetProperty("cardTypes").GetProperty("temporary").GetProperty("useCases").GetProperty("TempCardsBoProcIssueMultiple").GetProperty("options");
        Assert.Equal(8, options.GetProperty("pinLength").GetInt32());
        Assert.Equal(8, options.GetProperty("pukLength").GetInt32());
        Assert.True(options.GetProperty("encodeTemporaryCard").GetBoolean());
        Assert.Equal(version + 1, after.GetProperty("version").GetInt32());
        Assert.Equal(version, (await admin.GetJsonAsync($"/configuration/versions/{version}")).GetProperty("version").GetInt32());

        using var stale = await admin.PutAsJsonAsync("/configuration/card-types/temporary/use-cases/TempCardsProcExtend", new { enabled = false, expectedVersion = version });
        await stale.AssertProblemAsync(HttpStatusCode.Conflict, "conflict.config-version");
        using var wrongKind = await admin.PutAsJsonAsync("/configuration/card-types/temporary/use-cases/CardsProcRequest", new { enabled = true, options = new { approvalStep = true } });
        await wrongKind.AssertProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        using var noType = await admin.PutAsJsonAsync("/configuration/card-types/none/use-cases/CardsProcRequest", new { enabled = true });
        await noType.AssertProblemAsync(HttpStatusCode.NotFound, "cardtype.not-found");
    }

    [Fact]
    public async Task The_audit_is_paged_per_user_and_global_and_its_chain_verifies()
    {
        using var client = fixture.Host.Client(TestKeys.Operator2);
        using var auditor = fixture.Host.Client(TestKeys.Auditor);
        var user = await client.CreateUserAsync();
        await client.RequestCardAsync(user);
        await client.RequestCardAsync(user);

        var userRows = await auditor.GetJsonAsync($"/audit/users/{user}");
        Assert.True(userRows.GetProperty("total").GetInt64() >= 3);
        Assert.All(userRows.GetProperty("items").EnumerateArray(), r => Assert.Equal("bob-operator", r.GetProperty("operator").GetString()));

        var page = await auditor.GetJsonAsync("/audit?offset=1&limit=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("items")[0].GetProperty("sequence").GetInt64());
        Assert.Contains(
            (await auditor.GetJsonAsync("/audit?limit=500")).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("useCase").GetString() == "AdminConfigChange" && r.GetProperty("operator").GetString() == "dave-admin");

        var verification = await auditor.GetJsonAsync("/audit/verification");
        Assert.True(verification.GetProperty("isValid").GetBoolean());
    }
}

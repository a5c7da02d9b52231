using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CardActors.Api.Tests;

/// <summary>The permanent card's use cases through HTTP: four-eyes, request → approve → issue → station → activate, and the rest of its life; with the audit naming the keys.</summary>
public sealed class CardLifecycleTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Four_eyes_the_requester_cannot_approve_their_own_request()
    {
        using var both = fixture.Host.Client(TestKeys.OperatorApprover);
        using var approver = fixture.Host.Client(TestKeys.Approver);
        var user = await both.CreateUserAsync();
        var card = await both.RequestCardAsync(user);
        Assert.Equal("requested", card.State());

        using var own = await both.PostAsync($"/cards/{card.Id()}/approval", null);
        await own.AssertProblemAsync(HttpStatusCode.Forbidden, "approval.same-person");

        var approved = await approver.PostAsync($"/cards/{card.Id()}/approval", new { comment = "ok" });
        Assert.Equal("approved", approved.State());
        Assert.Equal("carol-approver", approved.GetProperty("approvedBy").GetString());
    }

    [Fact]
    public async Task Request_approve_issue_produce_activate_end_to_end_with_the_audit_naming_each_key()
    {
        using var operatorClient = fixture.Host.Client(TestKeys.Operator);
        using var approver = fixture.Host.Client(TestKeys.Approver);
        using var station = fixture.Host.Client(TestKeys.Station);
        using var auditor = fixture.Host.Client(TestKeys.Auditor);
        var user = await operatorClient.CreateUserAsync();

        var card = await operatorClient.RequestCardAsync(user);
        var id = card.Id();
        Assert.Equal("requested", card.State());
        Assert.Equal("approved", (await approver.PostAsync($"/cards/{id}/approval")).State());
        var issuing = await operatorClient.PostAsync($"/cards/{id}/issuance", new { });
        var jobId = issuing.JobId();
        Assert.Equal("pending", issuing.GetProperty("job").GetProperty("status").GetString());

        var issued = await station.ProduceAsync(jobId);
        Assert.Equal("issued", issued.State());
        Assert.False(string.IsNullOrEmpty(issued.GetProperty("serial").GetString()));
        var active = await operatorClient.PostAsync($"/cards/{id}/activation");
        Assert.Equal("active", active.State());

        var found = await operatorClient.GetJsonAsync($"/cards?state=active&userId={user}");
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).Id());

        var audit = await auditor.GetJsonAsync($"/audit/cards/{id}");
        var rows = audit.GetProperty("items").EnumerateArray().Select(r => (UseCase: r.GetProperty("useCase").GetString(), Operator: r.GetProperty("operator").GetString(), To: r.GetProperty("toState").GetString())).ToList();
        Assert.Contains(("CardsProcRequest", "alice-operator", "requested"), rows);
        Assert.Contains(("CardsProcApproveRequest", "carol-approver", "approved"), rows);
        Assert.Contains(rows, r => r.UseCase == "CardsProcIssue" && r.Operator == "station-01" && r.To == "issued");
        Assert.Contains(("CardsProcActivate", "alice-operator", "active"), rows);
        Assert.All(audit.GetProperty("items").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("correlationId").GetString())));
    }

    [Fact]
    public async Task Reject_abort_deactivate_reactivate_unblock_and_lock()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var approver = fixture.Host.Client(TestKeys.Approver);
        using var station = fixture.Host.Client(TestKeys.Station);
        var user = await client.CreateUserAsync();

        var rejected = await approver.PostAsync($"/cards/{(await client.RequestCardAsync(user)).Id()}/rejection", new { reason = "duplicate" });
        Assert.Equal("rejected", rejected.State());
        Assert.Equal("aborted", (await client.PostAsync($"/cards/{(await client.RequestCardAsync(user)).Id()}/abort", new { reason = "left" })).State());

        // "contractor" requests need no approval: approved at once.
        var card = await client.RequestCardAsync(user, "contractor");
        Assert.Equal("approved", card.State());
        var id = card.Id();
        await station.ProduceAsync((await client.PostAsync($"/cards/{id}/issuance")).JobId());
        Assert.Equal("active", (await client.PostAsync($"/cards/{id}/activation")).State());
        Assert.Equal("inactive", (await client.PostAsync($"/cards/{id}/deactivation", new { reason = "holiday" })).State());
        Assert.Equal("active", (await client.PostAsync($"/cards/{id}/reactivation")).State());

        var unblock = await client.PostAsync($"/cards/{id}/pin-unblock");
        Assert.Equal(id, unblock.GetProperty("cardId").GetString());
        Assert.False(string.IsNullOrEmpty(unblock.GetProperty("puk").GetString()));
        Assert.NotEqual(unblock.GetProperty("puk").GetString(), unblock.GetProperty("newPuk").GetString());
        Assert.False(unblock.GetProperty("resumed").GetBoolean());
        Assert.True((await client.PostAsync($"/cards/{id}/pin-unblock")).GetProperty("resumed").GetBoolean());
        Assert.Equal("active", (await client.PostAsync($"/cards/{id}/pin-unblock/confirmation")).State());
        Assert.Equal(unblock.GetProperty("newPuk").GetString(), (await client.PostAsync($"/cards/{id}/pin-unblock")).GetProperty("puk").GetString());

        Assert.Equal("locked", (await client.PostAsync($"/cards/{id}/lock", new { reason = "lost" })).State());
        using var again = await client.PostAsync($"/cards/{id}/reactivation", null);
        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "card.invalid-transition");
        Assert.Equal("locked", problem.GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task Issue_straight_to_a_user_and_a_failed_job_leaves_the_card_as_it_was()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var station = fixture.Host.Client(TestKeys.Station);
        var user = await client.CreateUserAsync();

        var card = await client.PostAsync("/cards/issuances", new { userId = user, cardType = "direct", stationId = "station-01" }, HttpStatusCode.Created);
        var failed = await station.ProduceAsync(card.JobId(), succeed: false);
        Assert.Equal(card.State(), failed.State());
        Assert.Equal("failed", failed.GetProperty("job").GetProperty("status").GetString());

        var job = await station.GetJsonAsync($"/production/jobs/{card.JobId()}");
        Assert.Equal("misprint", job.GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task Issue_straight_to_a_user_is_403_while_request_card_is_enabled_for_the_type()
    {
        using var client = fixture.Host.Client(TestKeys.Operator);
        var user = await client.CreateUserAsync();

        using var response = await client.PostAsJsonAsync("/cards/issuances", new { userId = user, cardType = "employee" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "usecase.request-required");
        Assert.Equal("CardsProcRequest", problem.GetProperty("useCase").GetString());
        Assert.Equal(0, (await client.GetJsonAsync($"/cards?userId={user}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_deactivation_with_the_approval_option_waits_for_a_second_person()
    {
        using var admin = fixture.Host.Client(TestKeys.Admin);
        using var client = fixture.Host.Client(TestKeys.Operator);
        using var approver = fixture.Host.Client(TestKeys.Approver);
        using var station = fixture.Host.Client(TestKeys.Station);
        await admin.PutJsonAsync("/configuration/card-types/employee/use-cases/CardsProcDeactivate", new { enabled = true, options = new { approvalStep = true } });
        var user = await client.CreateUserAsync();
        var id = (await client.RequestCardAsync(user)).Id();
        await approver.PostAsync($"/cards/{id}/approval");
        await station.ProduceAsync((await client.PostAsync($"/cards/{id}/issuance")).JobId());
        await client.PostAsync($"/cards/{id}/activation");

        var pending = await client.PostAsync($"/cards/{id}/deactivation", new { reason = "audit" });
        Assert.Equal("active", pending.State());
        Assert.Equal(JsonValueKind.Object, pending.GetProperty("pendingApproval").ValueKind);

        Assert.Equal("inactive", (await approver.PostAsync($"/cards/{id}/pending-change/approval")).State());
    }
}

using System.Security.Cryptography;
using System.Text;

namespace CardActors.Grains.Tests;

/// <summary>The permanent card use cases: each happy path and each of its refusals.</summary>
public sealed class PermanentCardTests : DomainTest
{
    [Fact]
    public async Task Request_card_ends_approved_without_and_requested_with_the_approval_step()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var approved = await Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, Scenario.Employee));
        var requested = await Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, Scenario.EmployeeApproval));
        Assert.Equal(CardState.Approved, approved.State);
        Assert.Equal(CardState.Requested, requested.State);
        Assert.Equal(Scenario.Requester, requested.RequestedBy);
        Assert.Equal(user, approved.UserId);
    }

    [Fact]
    public async Task Request_card_is_refused_when_disabled_for_an_inactive_or_unknown_user_and_for_bad_input()
    {
        Operators.Act("admin");
        await Scenario.Config.DefineCardTypeAsync(new DefineCardTypeCommand("disabled", CardKind.Permanent));
        var user = await Scenario.UserAsync();
        var inactive = await Scenario.UserAsync(UserState.Inactive);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UseCaseDisabled, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, "disabled")));
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(inactive, Scenario.Employee)));
        await RefusedAsync(ErrorCodes.UserNotFound, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand("nobody", Scenario.Employee)));
        await RefusedAsync(ErrorCodes.CardTypeNotFound, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, "no-such-type")));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, Scenario.Temporary)));
        var invalid = (ValidationFailedException)await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand("", "")));
        Assert.Contains("userId", invalid.Fields.Keys);
        Assert.Contains("cardType", invalid.Fields.Keys);
        var existing = await Scenario.PermanentInAsync(CardState.Approved);
        await RefusedAsync(ErrorCodes.InvalidTransition, () => Scenario.Card(existing.Id).RequestAsync(new RequestCardCommand(user, Scenario.Employee)));
    }

    [Fact]
    public async Task Approve_and_reject_need_a_second_person()
    {
        var toApprove = await Scenario.PermanentInAsync(CardState.Requested);
        var toReject = await Scenario.PermanentInAsync(CardState.Requested);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.ApprovalSamePerson, () => Scenario.Card(toApprove.Id).ApproveRequestAsync());
        await RefusedAsync(ErrorCodes.ApprovalSamePerson, () => Scenario.Card(toReject.Id).RejectRequestAsync("no"));
        DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Card(toApprove.Id).ApproveRequestAsync());
        Operators.Act(Scenario.Approver);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Card(toReject.Id).RejectRequestAsync(" "));
        var approved = await Scenario.Card(toApprove.Id).ApproveRequestAsync("ok");
        var rejected = await Scenario.Card(toReject.Id).RejectRequestAsync("not entitled");
        Assert.Equal(CardState.Approved, approved.State);
        Assert.Equal(Scenario.Approver, approved.ApprovedBy);
        Assert.Equal(CardState.Rejected, rejected.State);
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: toApprove.Id));
        Assert.Equal([Scenario.Requester, Scenario.Approver], audit.Items.Select(a => a.Operator));
        Assert.Equal(UseCases.CardsProcApproveRequest, audit.Items[^1].UseCase);
        Assert.Equal(("requested", "approved"), (audit.Items[^1].FromState, audit.Items[^1].ToState));
    }

    [Fact]
    public async Task Abort_request_ends_aborted_and_is_refused_when_disabled()
    {
        var card = await Scenario.PermanentInAsync(CardState.Requested);
        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.EmployeeApproval, UseCases.UsersProcAbortRequest, false));
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UseCaseDisabled, () => Scenario.Card(card.Id).AbortRequestAsync());
        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.EmployeeApproval, UseCases.UsersProcAbortRequest, true));
        Assert.Equal(CardState.Aborted, (await Scenario.Card(card.Id).AbortRequestAsync("duplicate")).State);
        await RefusedAsync(ErrorCodes.CardNotFound, () => Scenario.Card("unknown").AbortRequestAsync());
    }

    [Fact]
    public async Task Issue_card_produces_at_a_station_hands_the_pin_out_once_and_keeps_no_secret_in_clear()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        var issuing = await Scenario.Card(card.Id).IssueAsync(new IssueCardCommand(StationId: "station-7"));
        Assert.Equal(CardState.Approved, issuing.State);
        var job = issuing.Job!;
        Assert.Equal((ProductionJobStatus.Pending, 6, 8, true), (job.Status, job.PinLength, job.PukLength, job.Encode));
        Assert.Equal(["authentication", "signature"], job.Certificates);
        await RefusedAsync(ErrorCodes.ProductionInProgress, () => Scenario.Card(card.Id).IssueAsync(new IssueCardCommand()));
        await RefusedAsync(ErrorCodes.JobStateConflict, () => Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-7", ProductionJobResult.Done("SN-1")));
        await RefusedAsync(ErrorCodes.JobNotFound, () => Scenario.Production(card.Id).ClaimJobAsync("nope", "station-7"));

        Operators.Act("station-7");
        var work = await Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-7");
        Assert.Matches("^[0-9]{6}$", work.Pin);
        Assert.Matches("^[0-9]{8}$", work.Puk);
        Assert.Equal(64, work.ManagementKey!.Length);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-7", new ProductionJobResult(true, null, null)));
        var issued = await Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-7", ProductionJobResult.Done("SN-42", ["c1", "c2"]));
        Assert.Equal(CardState.Issued, issued.State);
        Assert.Equal("SN-42", issued.Serial);
        SameValues(issued, await Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-7", ProductionJobResult.Done("SN-42", ["c1", "c2"])));
        await RefusedAsync(ErrorCodes.JobStateConflict, () => Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-7"));

        // The PIN, PUK and management key appear nowhere in the database: not in grain state, audit or search.
        using var db = Silo.OpenDatabase();
        foreach (var secret in new[] { work.Pin!, work.Puk!, work.ManagementKey })
        {
            foreach (var table in new[] { "cardactors_grain_state", "cardactors_audit", "cardactors_card_search" })
            {
                using var command = db.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE CAST({(table == "cardactors_grain_state" ? "payload" : "details")} AS TEXT) LIKE $p";
                if (table == "cardactors_card_search")
                {
                    command.CommandText = "SELECT COUNT(*) FROM cardactors_card_search WHERE search_text LIKE $p";
                }

                command.Parameters.AddWithValue("$p", "%" + secret + "%");
                Assert.Equal(0L, (long)command.ExecuteScalar()!);
            }
        }
    }

    [Fact]
    public async Task A_failed_job_leaves_the_card_as_it_was_and_issuing_again_makes_a_new_job_with_new_secrets()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Card(id).IssueAsync(new IssueCardCommand()));
        var registered = await Scenario.Card(id).IssueAsync(new IssueCardCommand(user, Scenario.EmployeeDirect));
        Assert.Equal(CardState.Registered, registered.State);
        var first = await Scenario.Production(id).ClaimJobAsync(registered.Job!.JobId, "station-1");
        var failed = await Scenario.Production(id).CompleteJobAsync(registered.Job.JobId, "station-1", ProductionJobResult.Failed("chip dead"));
        Assert.Equal(CardState.Registered, failed.State);
        Assert.Equal((ProductionJobStatus.Failed, "chip dead"), (failed.Job!.Status, failed.Job.FailureReason));
        Assert.Null(failed.Serial);

        var again = await Scenario.Card(id).IssueAsync(new IssueCardCommand());
        Assert.Equal(2, again.Job!.Attempt);
        var second = await Scenario.Production(id).ClaimJobAsync(again.Job.JobId, "station-2");
        Assert.NotEqual(first.ManagementKey, second.ManagementKey);
        var issued = await Scenario.Production(id).CompleteJobAsync(again.Job.JobId, "station-2", ProductionJobResult.Done("SN-2"));
        Assert.Equal(CardState.Issued, issued.State);
        Assert.Equal("station-2", issued.StationId);

        var inactive = await Scenario.UserAsync(UserState.Inactive);
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Card(Scenario.NewId()).IssueAsync(new IssueCardCommand(inactive, Scenario.EmployeeDirect)));
    }

    [Fact]
    public async Task A_job_is_claimed_claimed_again_and_reported_only_by_its_station()
    {
        var assignedCard = await Scenario.PermanentInAsync(CardState.Approved);
        var openCard = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        var assigned = (await Scenario.Card(assignedCard.Id).IssueAsync(new IssueCardCommand(StationId: "station-a"))).Job!;
        var open = (await Scenario.Card(openCard.Id).IssueAsync(new IssueCardCommand())).Job!;

        // Assigned to station-a: nobody else gets its secrets.
        var refused = await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(assignedCard.Id).ClaimJobAsync(assigned.JobId, "station-b"));
        Assert.Equal(("station-b", "station-a"), (refused.Values["stationId"], refused.Values["jobStationId"]));
        Assert.Equal(ProductionJobStatus.Pending, (await Scenario.Production(assignedCard.Id).GetJobAsync(assigned.JobId)).Status);

        // Open to any station until one claims it; then it is that station's.
        var first = await Scenario.Production(openCard.Id).ClaimJobAsync(open.JobId, "station-a");
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(openCard.Id).ClaimJobAsync(open.JobId, "station-b"));
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(openCard.Id).CompleteJobAsync(open.JobId, "station-b", ProductionJobResult.Done("SN-B")));
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(openCard.Id).CompleteJobAsync(open.JobId, "station-b", ProductionJobResult.Failed("not mine")));
        var again = await Scenario.Production(openCard.Id).ClaimJobAsync(open.JobId, "station-a");
        Assert.NotEqual(first.ManagementKey, again.ManagementKey);
        var issued = await Scenario.Production(openCard.Id).CompleteJobAsync(open.JobId, "station-a", ProductionJobResult.Done("SN-A"));
        Assert.Equal((CardState.Issued, "SN-A"), (issued.State, issued.Serial));
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(openCard.Id).CompleteJobAsync(open.JobId, "station-b", ProductionJobResult.Done("SN-A")));
    }

    [Fact]
    public async Task A_line_offer_records_nothing_on_the_card_and_the_first_claim_binds_the_job()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        var job = (await Scenario.Card(card.Id).IssueAsync(new IssueCardCommand())).Job!;
        var before = await Scenario.Card(card.Id).GetAsync();

        // Offered to two stations (a line that lost its queue in a crash offers it again): either may take it, the card stores neither.
        Assert.Null((await Scenario.Coordination(card.Id).AssignJobAsync(job.JobId, "station-a")).StationId);
        Assert.Null((await Scenario.Coordination(card.Id).AssignJobAsync(job.JobId, "station-b")).StationId);
        Assert.Equal((before.Version, (string?)null), ((await Scenario.Card(card.Id).GetAsync()).Version, (await Scenario.Card(card.Id).GetAsync()).StationId));

        // The first claim binds it to its station, on the job and the card; the other station's offer and claim are refused.
        await Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-b");
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Coordination(card.Id).AssignJobAsync(job.JobId, "station-a"));
        await RefusedAsync(ErrorCodes.JobOtherStation, () => Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-a"));
        Assert.Equal(("station-b", ProductionJobStatus.Claimed), ((await Scenario.Coordination(card.Id).AssignJobAsync(job.JobId, "station-b")).StationId, (await Scenario.Production(card.Id).GetJobAsync(job.JobId)).Status));
        Assert.Equal("station-b", (await Scenario.Card(card.Id).GetAsync()).StationId);
    }

    [Fact]
    public async Task Issue_straight_to_a_user_is_refused_while_request_card_is_enabled_for_the_type()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();

        var refused = await RefusedAsync(ErrorCodes.RequestRequired, () => Scenario.Card(id).IssueAsync(new IssueCardCommand(user, Scenario.EmployeeApproval)));
        Assert.Equal(UseCases.CardsProcRequest, refused.Values["useCase"]);
        await RefusedAsync(ErrorCodes.RequestRequired, () => Scenario.Card(id).IssueAsync(new IssueCardCommand(user, Scenario.Employee)));
        await RefusedAsync(ErrorCodes.CardNotFound, () => Scenario.Card(id).GetAsync());

        // A requested and approved card of the same type is issued as before.
        Assert.Equal(CardState.Approved, (await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee))).State);
        Assert.Equal(UseCases.CardsProcIssue, (await Scenario.Card(id).IssueAsync(new IssueCardCommand())).Job!.UseCase);
    }

    [Fact]
    public async Task Activate_allows_one_active_card_per_user_unless_the_option_allows_several()
    {
        var first = await Scenario.PermanentInAsync(CardState.Active);
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();
        await Scenario.Card(id).RequestAsync(new RequestCardCommand(first.UserId!, Scenario.Employee));
        await Scenario.Card(id).IssueAsync(new IssueCardCommand());
        await Scenario.ProduceAsync(id);
        await RefusedAsync(ErrorCodes.UserHasActiveCard, () => Scenario.Card(id).ActivateAsync());
        Assert.Equal(CardState.Issued, (await Scenario.Card(id).GetAsync()).State);

        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsProcActivate, true, UseCaseOptions.Default with { AllowSeveralActiveCards = true }));
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Active, (await Scenario.Card(id).ActivateAsync()).State);
        var user = await Scenario.User(first.UserId!).GetAsync();
        Assert.Equal(2, user.CardsHoldingPlaces.Count(c => c.State == CardState.Active));
    }

    [Fact]
    public async Task Deactivate_and_reactivate_with_the_user_check_and_the_approval_step()
    {
        var card = await Scenario.PermanentInAsync(CardState.Active);
        Operators.Act(Scenario.Requester);
        var inactive = await Scenario.Card(card.Id).DeactivateAsync("on leave");
        Assert.Equal(CardState.Inactive, inactive.State);
        Operators.Act("admin");
        await Scenario.User(card.UserId!).DeactivateAsync();
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Card(card.Id).ReactivateAsync());
        Operators.Act("admin");
        await Scenario.User(card.UserId!).ActivateAsync();
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Active, (await Scenario.Card(card.Id).ReactivateAsync()).State);

        // The approval step: a second operator applies the pending deactivation.
        var user = await Scenario.UserAsync();
        var id = Scenario.NewId();
        await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.EmployeeApproval));
        Operators.Act(Scenario.Approver);
        await Scenario.Card(id).ApproveRequestAsync();
        await Scenario.Card(id).IssueAsync(new IssueCardCommand());
        await Scenario.ProduceAsync(id);
        await Scenario.Card(id).ActivateAsync();
        Operators.Act(Scenario.Requester);
        var pending = await Scenario.Card(id).DeactivateAsync("suspicious");
        Assert.Equal(CardState.Active, pending.State);
        Assert.Equal(UseCases.CardsProcDeactivate, pending.PendingApproval!.UseCase);
        await RefusedAsync(ErrorCodes.ApprovalPending, () => Scenario.Card(id).DeactivateAsync());
        await RefusedAsync(ErrorCodes.ApprovalSamePerson, () => Scenario.Card(id).ApprovePendingAsync());
        Operators.Act(Scenario.Approver);
        var applied = await Scenario.Card(id).ApprovePendingAsync();
        Assert.Equal(CardState.Inactive, applied.State);
        Assert.Null(applied.PendingApproval);
        await RefusedAsync(ErrorCodes.ApprovalNotPending, () => Scenario.Card(id).ApprovePendingAsync());
    }

    [Fact]
    public async Task Lock_is_final_and_revokes_the_certificates()
    {
        var active = await Scenario.PermanentInAsync(CardState.Active);
        var inactive = await Scenario.PermanentInAsync(CardState.Inactive);
        Operators.Act(Scenario.Requester);
        var locked = await Scenario.Card(active.Id).LockAsync("stolen");
        Assert.Equal(CardState.Locked, locked.State);
        Assert.Empty(locked.Certificates);
        Assert.Equal("stolen", locked.LastReason);
        Assert.Equal(CardState.Locked, (await Scenario.Card(inactive.Id).LockAsync()).State);
        await RefusedAsync(ErrorCodes.InvalidTransition, () => Scenario.Card(active.Id).ReactivateAsync());
    }

    [Fact]
    public async Task Unblock_pin_hands_out_the_kept_puk_and_a_new_one_kept_pending_until_confirmed()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var id = Scenario.NewId();
        await Scenario.Card(id).RequestAsync(new RequestCardCommand(user, Scenario.Employee));
        var job = (await Scenario.Card(id).IssueAsync(new IssueCardCommand())).Job!;
        var work = await Scenario.Production(id).ClaimJobAsync(job.JobId, "station-1");
        await Scenario.Production(id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Done("SN-9"));
        await Scenario.Card(id).ActivateAsync();

        var first = await Scenario.Card(id).StartPinUnblockAsync();
        Assert.Equal((work.Puk, false, CardState.Active), (first.Puk, first.Resumed, first.Card.State));
        Assert.Equal(work.Puk!.Length, first.NewPuk.Length);
        Assert.NotEqual(first.Puk, first.NewPuk);

        // Not confirmed (the client crashed): the same pair again, since the card may hold either PUK.
        var again = await Scenario.Card(id).StartPinUnblockAsync();
        Assert.Equal((first.Puk, first.NewPuk, true), (again.Puk, again.NewPuk, again.Resumed));

        await Scenario.Card(id).ConfirmPinUnblockAsync();
        await Scenario.Card(id).ConfirmPinUnblockAsync();
        var next = await Scenario.Card(id).StartPinUnblockAsync();
        Assert.Equal((first.NewPuk, false), (next.Puk, next.Resumed));
        Assert.NotEqual(first.NewPuk, next.NewPuk);

        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: id));
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.CardsProcUnblockRemote && a.FromState == "active" && a.ToState == "active");
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.CardsProcUnblockRemote && a.Details?.Contains("unblock-confirmed", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(audit.Items, a => a.Details?.Contains(first.Puk, StringComparison.Ordinal) == true || a.Details?.Contains(first.NewPuk, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_card_keeps_the_configuration_version_it_was_requested_under()
    {
        var user = await Scenario.UserAsync();
        Operators.Act(Scenario.Requester);
        var old = await Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(user, Scenario.Employee));
        Operators.Act("admin");
        var v = await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsProcIssue, true, UseCaseOptions.Default with { PinLength = 8 }));
        Assert.Equal(old.ConfigVersion + 1, v.Version);
        Assert.Equal(6, (await Scenario.Config.GetVersionAsync(old.ConfigVersion)).CardTypes[Scenario.Employee].UseCases[UseCases.CardsProcIssue].Options.PinLength);
        await RefusedAsync(ErrorCodes.ConfigurationVersionConflict, () => Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsProcIssue, true, ExpectedVersion: old.ConfigVersion)));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Employee, UseCases.CardsProcIssue, true, UseCaseOptions.Default with { PinLength = 2 })));
        Operators.Act(Scenario.Requester);
        var fresh = await Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(await Scenario.UserAsync(), Scenario.Employee));

        var oldJob = (await Scenario.Card(old.Id).IssueAsync(new IssueCardCommand())).Job!;
        var newJob = (await Scenario.Card(fresh.Id).IssueAsync(new IssueCardCommand())).Job!;
        Assert.Equal((old.ConfigVersion, 6), (oldJob.ConfigVersion, oldJob.PinLength));
        Assert.Equal((v.Version, 8), (newJob.ConfigVersion, newJob.PinLength));
        Assert.Equal(6, (await Scenario.Production(old.Id).ClaimJobAsync(oldJob.JobId, "s")).Pin!.Length);
        Assert.Equal(8, (await Scenario.Production(fresh.Id).ClaimJobAsync(newJob.JobId, "s")).Pin!.Length);
        var changes = await Silo.Audit.ReadAsync(new AuditQuery(Limit: 1000));
        Assert.Contains(changes.Items, a => a.UseCase == UseCases.AdminConfigChange && a.Operator == "admin" && a.ToState == $"v{v.Version}");
    }

    [Fact]
    public async Task Unknown_cards_and_cards_of_the_other_kind_are_refused()
    {
        await RefusedAsync(ErrorCodes.CardNotFound, () => Scenario.Card("nope").GetAsync());
        await RefusedAsync(ErrorCodes.CardNotFound, () => Scenario.Card("nope").ActivateAsync());
        var temporary = await Scenario.TemporaryInAsync(CardState.Requested);
        await RefusedAsync(ErrorCodes.CardWrongKind, () => Scenario.Card(temporary.Id).GetAsync());
        var permanent = await Scenario.PermanentInAsync(CardState.Approved);
        await RefusedAsync(ErrorCodes.CardWrongKind, () => Scenario.Temp(permanent.Id).LockTemporaryAsync());
        Assert.Null(await Scenario.Coordination("nope").FindAsync());
    }
}

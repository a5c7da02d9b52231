namespace CardActors.Grains.Tests;

/// <summary>The temporary card use cases: each happy path and each of its refusals.</summary>
public sealed class TemporaryCardTests : DomainTest
{
    [Fact]
    public async Task Request_temporary_cards_makes_1_to_9_requested_cards()
    {
        Operators.Act(Scenario.Requester);
        var cards = await Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 9));
        Assert.Equal(9, cards.Select(c => c.Id).Distinct().Count());
        Assert.All(cards, c => Assert.Equal((CardKind.Temporary, CardState.Requested), (c.Kind, c.State)));
        var error = await RefusedAsync(ErrorCodes.AmountOutOfRange, () => Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 10)));
        Assert.Equal("10", error.Values["actual"]);
        await RefusedAsync(ErrorCodes.AmountOutOfRange, () => Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 0)));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Employee, 1)));
        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.TemporaryQueue, UseCases.TempCardsProcRequest, false));
        await RefusedAsync(ErrorCodes.UseCaseDisabled, () => Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.TemporaryQueue, 1)));
        var found = await Silo.Search.SearchCardsAsync(new CardSearchQuery(Kind: CardKind.Temporary, State: CardState.Requested, Limit: 100));
        Assert.Equal(9, found.Total);
    }

    [Fact]
    public async Task Issue_multiple_temporary_cards_with_and_without_encoding()
    {
        Operators.Act(Scenario.Requester);
        var cards = await Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 2));
        var batch = await Scenario.Batch(Scenario.NewId())
            .StartIssueMultipleTemporaryCardsAsync(new IssueMultipleCommand(Scenario.Temporary, [.. cards.Select(c => c.Id)], ["st-1", "st-2"]));
        Assert.Equal(2, batch.Pending);
        Assert.Equal(["st-1", "st-2"], batch.Items.Select(i => i.StationId));
        await Scenario.ProduceAsync(cards[0].Id);
        var unassigned = await Scenario.ProduceAsync(cards[1].Id);
        Assert.Equal(CardState.Unassigned, unassigned.State);

        Operators.Act("admin");
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Temporary, UseCases.TempCardsBoProcIssueMultiple, true, UseCaseOptions.Default with { EncodeTemporaryCard = false }));
        Operators.Act(Scenario.Requester);
        var plain = (await Scenario.Pool.RequestAsync(new RequestTemporaryCardsCommand(Scenario.Temporary, 1)))[0];
        await Scenario.Batch(Scenario.NewId()).StartIssueMultipleTemporaryCardsAsync(new IssueMultipleCommand(Scenario.Temporary, [plain.Id]));
        var job = (await Scenario.Temp(plain.Id).GetTemporaryAsync()).Job!;
        Assert.False(job.Encode);
        Assert.Empty(job.Certificates);
        var work = await Scenario.Production(plain.Id).ClaimJobAsync(job.JobId, "st-1");
        Assert.Null(work.Pin);
        Assert.Null(work.Puk);
    }

    [Fact]
    public async Task Assign_makes_the_permanent_card_inactive_and_withdraw_as_no_longer_needed_reactivates_it()
    {
        var permanent = await Scenario.PermanentInAsync(CardState.Active);
        var temporary = await Scenario.TemporaryInAsync(CardState.Unassigned);
        Operators.Act(Scenario.Requester);
        var assigned = await Scenario.Temp(temporary.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!));
        Assert.Equal(CardState.Assigned, assigned.State);
        Assert.Equal([permanent.Id], assigned.SuspendedCardIds);
        Assert.InRange(assigned.ValidUntil!.Value, DateTimeOffset.UtcNow.AddDays(13.9), DateTimeOffset.UtcNow.AddDays(14.1));
        var suspended = await Scenario.Card(permanent.Id).GetAsync();
        Assert.Equal((CardState.Inactive, temporary.Id), (suspended.State, suspended.SuspendedByTemporaryCardId));

        var second = await Scenario.TemporaryInAsync(CardState.Unassigned);
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UserHasTemporaryCard, () => Scenario.Temp(second.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!)));
        var inactiveUser = await Scenario.UserAsync(UserState.Inactive);
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Temp(second.Id).AssignAsync(new AssignTemporaryCardCommand(inactiveUser)));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Temp(second.Id).AssignAsync(new AssignTemporaryCardCommand("")));

        var withdrawn = await Scenario.Temp(temporary.Id).WithdrawAsync(WithdrawReason.NoLongerNeeded);
        Assert.Equal(CardState.Unassigned, withdrawn.State);
        Assert.Null(withdrawn.UserId);
        var back = await Scenario.Card(permanent.Id).GetAsync();
        Assert.Equal(CardState.Active, back.State);
        Assert.Null(back.SuspendedByTemporaryCardId);
        var user = await Scenario.User(permanent.UserId!).GetAsync();
        Assert.DoesNotContain(user.CardsHoldingPlaces, c => c.CardId == temporary.Id);
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: permanent.Id));
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.CardsProcDeactivate && a.Details!.Contains(UseCases.TempCardsProcAssign, StringComparison.Ordinal));
        Assert.Contains(audit.Items, a => a.UseCase == UseCases.CardsProcReactivate && a.Operator == Scenario.Requester);
    }

    [Fact]
    public async Task Withdraw_as_lost_keeps_the_permanent_card_inactive()
    {
        var permanent = await Scenario.PermanentInAsync(CardState.Active);
        var temporary = await Scenario.TemporaryInAsync(CardState.Unassigned);
        Operators.Act(Scenario.Requester);
        await Scenario.Temp(temporary.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!));
        await Scenario.Temp(temporary.Id).WithdrawAsync(WithdrawReason.Lost);
        Assert.Equal(CardState.Inactive, (await Scenario.Card(permanent.Id).GetAsync()).State);
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Temp(temporary.Id).WithdrawAsync((WithdrawReason)42));
    }

    [Fact]
    public async Task A_permanent_card_is_not_reactivated_while_its_temporary_card_is_assigned_nor_ever_once_reported_lost()
    {
        var permanent = await Scenario.PermanentInAsync(CardState.Active);
        var temporary = await Scenario.TemporaryInAsync(CardState.Unassigned);
        Operators.Act(Scenario.Requester);
        await Scenario.Temp(temporary.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!));

        var suspended = await RefusedAsync(ErrorCodes.CardSuspended, () => Scenario.Card(permanent.Id).ReactivateAsync());
        Assert.Equal(temporary.Id, suspended.Values["temporaryCardId"]);

        await Scenario.Temp(temporary.Id).WithdrawAsync(WithdrawReason.Lost);
        var lost = await Scenario.Card(permanent.Id).GetAsync();
        Assert.Equal((CardState.Inactive, true), (lost.State, lost.Lost));
        await RefusedAsync(ErrorCodes.CardLost, () => Scenario.Card(permanent.Id).ReactivateAsync());
        Assert.Equal(CardState.Inactive, (await Scenario.Card(permanent.Id).GetAsync()).State);
        Assert.Equal(CardState.Locked, (await Scenario.Card(permanent.Id).LockAsync("lost")).State);
    }

    [Fact]
    public async Task A_permanent_card_whose_temporary_card_was_locked_can_be_reactivated_by_hand()
    {
        var permanent = await Scenario.PermanentInAsync(CardState.Active);
        var temporary = await Scenario.TemporaryInAsync(CardState.Unassigned);
        Operators.Act(Scenario.Requester);
        await Scenario.Temp(temporary.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!));
        await Scenario.Temp(temporary.Id).LockTemporaryAsync("broken");

        Assert.Equal(CardState.Active, (await Scenario.Card(permanent.Id).ReactivateAsync()).State);
    }

    [Fact]
    public async Task Extend_sets_a_new_validity_within_the_configured_one()
    {
        var card = await Scenario.TemporaryInAsync(CardState.Assigned);
        Operators.Act(Scenario.Requester);
        var until = DateTimeOffset.UtcNow.AddDays(10);
        var extended = await Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(until));
        Assert.Equal((CardState.Assigned, until), (extended.State, extended.ValidUntil));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(DateTimeOffset.UtcNow.AddDays(30))));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(DateTimeOffset.UtcNow.AddDays(-1))));
        var reencoded = await Scenario.Temp(card.Id).ExtendAsync(new ExtendTemporaryCardCommand(Reencode: true));
        Assert.Equal(UseCases.TempCardsProcExtend, reencoded.Job!.UseCase);
        Assert.Equal(CardState.Assigned, (await Scenario.ProduceAsync(card.Id)).State);
    }

    [Fact]
    public async Task Lock_temporary_card_from_assigned_and_unassigned()
    {
        var assigned = await Scenario.TemporaryInAsync(CardState.Assigned);
        var unassigned = await Scenario.TemporaryInAsync(CardState.Unassigned);
        Operators.Act(Scenario.Requester);
        var locked = await Scenario.Temp(assigned.Id).LockTemporaryAsync("broken");
        Assert.Equal(CardState.Locked, locked.State);
        Assert.Empty(locked.Certificates);
        Assert.Equal(CardState.Locked, (await Scenario.Temp(unassigned.Id).LockTemporaryAsync()).State);
        await RefusedAsync(ErrorCodes.InvalidTransition, () => Scenario.Temp(assigned.Id).AssignAsync(new AssignTemporaryCardCommand(assigned.UserId!)));
    }

    [Fact]
    public async Task An_assigned_card_expires_by_a_durable_reminder_after_the_configured_validity()
    {
        var card = await Scenario.TemporaryInAsync(CardState.Unassigned);
        var user = await Scenario.UserAsync();
        Operators.Act("admin");
        var validity = TimeSpan.FromSeconds(4);
        await Scenario.Config.SetUseCaseAsync(new SetUseCaseCommand(Scenario.Temporary, UseCases.TempCardsProcAssign, true, UseCaseOptions.Default with { TemporaryCardValidity = validity }));
        Operators.Act(Scenario.Requester);

        // Bounds from both sides of the call: a slow call must not make a correct validity look wrong.
        var before = DateTimeOffset.UtcNow;
        var assigned = await Scenario.Temp(card.Id).AssignAsync(new AssignTemporaryCardCommand(user));
        var after = DateTimeOffset.UtcNow;
        Assert.InRange(assigned.ValidUntil!.Value, before + validity, after + validity);

        // Restarted before it is due: the reminder is durable, the activation is gone.
        await Silo.RestartAsync();
        var expired = await Scenario.WaitForAsync(card.Id, CardState.Expired, TimeSpan.FromSeconds(20));
        Assert.Equal(CardState.Expired, expired.State);
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: card.Id));
        Assert.Equal((UseCases.TempCardsExpire, DomainRequestContext.SystemOperator, "assigned", "expired"),
            (audit.Items[^1].UseCase, audit.Items[^1].Operator, audit.Items[^1].FromState, audit.Items[^1].ToState));
        Operators.Act(Scenario.Requester);
        Assert.Equal(CardState.Unassigned, (await Scenario.Temp(card.Id).WithdrawAsync(WithdrawReason.Lost)).State);
    }

    [Fact]
    public async Task Initialize_encodes_an_externally_produced_card_and_leaves_it_unassigned()
    {
        var produced = await Scenario.TemporaryInAsync(CardState.Produced);
        Operators.Act(Scenario.Requester);
        var initializing = await Scenario.Temp(produced.Id).InitializeAsync("station-3");
        Assert.Equal((CardState.Produced, UseCases.TempCardsAddonExtProdInitialize), (initializing.State, initializing.Job!.UseCase));
        await RefusedAsync(ErrorCodes.ProductionInProgress, () => Scenario.Temp(produced.Id).InitializeAsync());
        Assert.Equal(CardState.Unassigned, (await Scenario.ProduceAsync(produced.Id)).State);
    }
}

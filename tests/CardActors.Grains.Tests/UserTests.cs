namespace CardActors.Grains.Tests;

public sealed class UserTests : DomainTest
{
    [Fact]
    public async Task Users_are_created_once_and_move_between_active_and_inactive()
    {
        Operators.Act("admin");
        var user = Scenario.User("emp-1");
        await RefusedAsync(ErrorCodes.UserNotFound, () => user.GetAsync());
        var created = await user.CreateAsync(new CreateUserCommand("Ada Lovelace", "ada@example.com", "R&D"));
        Assert.Equal(UserState.Active, created.State);
        await RefusedAsync(ErrorCodes.UserAlreadyExists, () => user.CreateAsync(new CreateUserCommand("Ada")));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => Scenario.User("emp-2").CreateAsync(new CreateUserCommand(" ")));
        await RefusedAsync(ErrorCodes.UserInvalidTransition, () => user.ActivateAsync());
        Assert.Equal(UserState.Inactive, (await user.DeactivateAsync("left")).State);
        Assert.Equal(UserState.Active, (await user.ActivateAsync()).State);
        var found = await Silo.Search.SearchUsersAsync(new UserSearchQuery(Text: "lovelace"));
        Assert.Equal(("emp-1", UserState.Active), (found.Items.Single().Id, found.Items.Single().State));
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(UserId: "emp-1"));
        Assert.Equal([UseCases.UsersProcCreate, UseCases.UsersProcDeactivate, UseCases.UsersProcActivate], audit.Items.Select(a => a.UseCase));
    }

    [Fact]
    public async Task Locking_a_user_locks_all_their_cards()
    {
        var permanent = await Scenario.PermanentInAsync(CardState.Active);
        var temporary = await Scenario.TemporaryInAsync(CardState.Unassigned);
        var approved = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        await Scenario.Temp(temporary.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!));
        var user = Scenario.User(permanent.UserId!);
        Assert.Equal(2, (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: permanent.UserId))).Total);
        Assert.Equal(temporary.Id, (await user.GetAsync()).CardsHoldingPlaces.Single().CardId);

        Operators.Act("security-officer");
        var locked = await user.LockAsync("fraud");
        Assert.Equal(UserState.Locked, locked.State);
        Assert.Equal(CardState.Locked, (await Scenario.Card(permanent.Id).GetAsync()).State);
        Assert.Equal(CardState.Locked, (await Scenario.Temp(temporary.Id).GetTemporaryAsync()).State);
        Assert.Equal([CardState.Locked, CardState.Locked], (await Silo.Search.SearchCardsAsync(new CardSearchQuery(UserId: permanent.UserId))).Items.Select(c => c.State));
        Assert.Empty((await user.GetAsync()).CardsHoldingPlaces);
        var lockRows = (await Silo.Audit.ReadAsync(new AuditQuery(CardId: permanent.Id))).Items.Where(a => a.ToState == "locked").ToList();
        Assert.Equal("security-officer", Assert.Single(lockRows).Operator);
        await RefusedAsync(ErrorCodes.UserInvalidTransition, () => user.ActivateAsync());
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UserNotActive, () => Scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(permanent.UserId!, Scenario.Employee)));

        // Another user's card is untouched.
        Assert.Equal(CardState.Approved, (await Scenario.Card(approved.Id).GetAsync()).State);
    }

    [Fact]
    public async Task Locking_a_user_locks_their_issued_cards_and_revokes_the_certificates()
    {
        var issued = await Scenario.PermanentInAsync(CardState.Issued);
        Assert.NotEmpty(issued.Certificates);

        Operators.Act("security-officer");
        await Scenario.User(issued.UserId!).LockAsync("fraud");

        var locked = await Scenario.Card(issued.Id).GetAsync();
        Assert.Equal(CardState.Locked, locked.State);
        Assert.Empty(locked.Certificates);
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: issued.Id));
        Assert.Equal((UseCases.UsersProcLock, "issued", "locked", "security-officer"),
            (audit.Items[^1].UseCase, audit.Items[^1].FromState, audit.Items[^1].ToState, audit.Items[^1].Operator));
    }

    [Fact]
    public async Task A_card_finished_after_its_user_was_locked_is_not_put_into_service()
    {
        var card = await Scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        var job = (await Scenario.Card(card.Id).IssueAsync(new IssueCardCommand())).Job!;
        await Scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-1");
        Operators.Act("security-officer");
        await Scenario.User(card.UserId!).LockAsync();
        var finished = await Scenario.Production(card.Id).CompleteJobAsync(job.JobId, "station-1", ProductionJobResult.Done("SN-LATE"));
        Assert.Equal((CardState.Approved, ProductionJobStatus.Failed, null), (finished.State, finished.Job!.Status, finished.Serial));
        Assert.StartsWith(ErrorCodes.UserNotActive, finished.Job.FailureReason, StringComparison.Ordinal);
    }
}

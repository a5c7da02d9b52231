using static CardActors.Grains.Tests.Assertions;

namespace CardActors.Grains.Tests;

public sealed class UserTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainSilo.StartAsync();
        _scenario = await new Scenario(_silo).ConfigureAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Users_are_created_once_and_move_between_active_and_inactive()
    {
        Operators.Act("admin");
        var user = _scenario.Grains.GetGrain<IUserGrain>("emp-1");
        await RefusedAsync(ErrorCodes.UserNotFound, () => user.GetAsync());
        var created = await user.CreateAsync(new CreateUserCommand("Ada Lovelace", "ada@example.com", "R&D"));
        Assert.Equal(UserState.Active, created.State);
        await RefusedAsync(ErrorCodes.UserAlreadyExists, () => user.CreateAsync(new CreateUserCommand("Ada")));
        await RefusedAsync(ErrorCodes.ValidationFailed, () => _scenario.Grains.GetGrain<IUserGrain>("emp-2").CreateAsync(new CreateUserCommand(" ")));
        await RefusedAsync(ErrorCodes.UserInvalidTransition, () => user.ActivateAsync());
        Assert.Equal(UserState.Inactive, (await user.DeactivateAsync("left")).State);
        Assert.Equal(UserState.Active, (await user.ActivateAsync()).State);
        var found = await _silo.Search.SearchUsersAsync(new UserSearchQuery(Text: "lovelace"));
        Assert.Equal(("emp-1", UserState.Active), (found.Items.Single().Id, found.Items.Single().State));
        var audit = await _silo.Audit.ReadAsync(new AuditQuery(UserId: "emp-1"));
        Assert.Equal([UseCases.UsersProcCreate, UseCases.UsersProcDeactivate, UseCases.UsersProcActivate], audit.Items.Select(a => a.UseCase));
    }

    [Fact]
    public async Task Locking_a_user_locks_all_their_cards()
    {
        var permanent = await _scenario.PermanentInAsync(CardState.Active);
        var temporary = await _scenario.TemporaryInAsync(CardState.Unassigned);
        var approved = await _scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        await _scenario.Temp(temporary.Id).AssignAsync(new AssignTemporaryCardCommand(permanent.UserId!));
        var user = _scenario.Grains.GetGrain<IUserGrain>(permanent.UserId!);
        Assert.Equal(2, (await user.GetAsync()).Cards.Count);

        Operators.Act("security-officer");
        var locked = await user.LockAsync("fraud");
        Assert.Equal(UserState.Locked, locked.State);
        Assert.Equal(CardState.Locked, (await _scenario.Card(permanent.Id).GetAsync()).State);
        Assert.Equal(CardState.Locked, (await _scenario.Temp(temporary.Id).GetTemporaryAsync()).State);
        Assert.All((await user.GetAsync()).Cards, c => Assert.Equal(CardState.Locked, c.State));
        var lockRows = (await _silo.Audit.ReadAsync(new AuditQuery(CardId: permanent.Id))).Items.Where(a => a.ToState == "locked").ToList();
        Assert.Equal("security-officer", Assert.Single(lockRows).Operator);
        await RefusedAsync(ErrorCodes.UserInvalidTransition, () => user.ActivateAsync());
        Operators.Act(Scenario.Requester);
        await RefusedAsync(ErrorCodes.UserNotActive, () => _scenario.Card(Scenario.NewId()).RequestAsync(new RequestCardCommand(permanent.UserId!, Scenario.Employee)));

        // Another user's card is untouched.
        Assert.Equal(CardState.Approved, (await _scenario.Card(approved.Id).GetAsync()).State);
    }

    [Fact]
    public async Task A_card_finished_after_its_user_was_locked_is_not_put_into_service()
    {
        var card = await _scenario.PermanentInAsync(CardState.Approved);
        Operators.Act(Scenario.Requester);
        var job = (await _scenario.Card(card.Id).IssueAsync(new IssueCardCommand())).Job!;
        await _scenario.Production(card.Id).ClaimJobAsync(job.JobId, "station-1");
        Operators.Act("security-officer");
        await _scenario.Grains.GetGrain<IUserGrain>(card.UserId!).LockAsync();
        var finished = await _scenario.Production(card.Id).CompleteJobAsync(job.JobId, ProductionJobResult.Done("SN-LATE"));
        Assert.Equal((CardState.Approved, ProductionJobStatus.Failed, null), (finished.State, finished.Job!.Status, finished.Serial));
        Assert.StartsWith(ErrorCodes.UserNotActive, finished.Job.FailureReason, StringComparison.Ordinal);
    }
}

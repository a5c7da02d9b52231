using CardActors.Grains.Internal;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Tests;

/// <summary>
/// Every (state, use case) pair the state table does not list is refused with
/// card.invalid-transition and changes nothing: not the card, not its audit rows, not its search row.
/// The producer's updates and the expiry are automatic, not callable: an update out of order is
/// acknowledged as ignored (tested in ExternalProductionTests). A permanent card never becomes
/// expired through a use case of domain.md, so that state has no card to try.
/// </summary>
public sealed class InvalidTransitionTests
{
    private static readonly HashSet<string> s_automatic =
    [
        UseCases.CardsAddonExtProdProcUpdate, UseCases.TempCardsAddonExtProdProcUpdate, UseCases.TempCardsExpire,
    ];

    public static TheoryData<CardKind, CardState> States()
    {
        var data = new TheoryData<CardKind, CardState>();
        foreach (var state in CardStateTables.Permanent.States.Where(s => s is not CardState.Expired))
        {
            data.Add(CardKind.Permanent, state);
        }

        foreach (var state in CardStateTables.Temporary.States.Where(s => s is not CardState.None))
        {
            data.Add(CardKind.Temporary, state);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task Use_cases_not_in_the_table_are_refused_and_change_nothing(CardKind kind, CardState state)
    {
        await using var silo = await DomainSilo.StartAsync();
        var scenario = await new Scenario(silo).ConfigureAsync();
        var card = kind == CardKind.Permanent ? await scenario.PermanentInAsync(state) : await scenario.TemporaryInAsync(state);
        Assert.Equal(state, card.State);
        var table = CardStateTables.For(kind);
        var refused = table.UseCases.Where(u => !s_automatic.Contains(u) && !table.Allows(u, state)).ToList();
        Assert.NotEmpty(refused);

        var before = await SnapshotAsync(silo, scenario, card.Id);
        foreach (var useCase in refused)
        {
            var user = await scenario.UserAsync();
            Operators.Act(Scenario.Approver);
            var error = await Assert.ThrowsAsync<InvalidTransitionException>(() => InvokeAsync(scenario, card, useCase, user));
            Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
            Assert.Equal(state, error.CurrentState);
            Assert.Equal(useCase, error.UseCase);
            Assert.Equal(before, await SnapshotAsync(silo, scenario, card.Id));
        }
    }

    private static async Task<(long Version, CardState State, long AuditRows, long SearchVersion, CardState SearchState)> SnapshotAsync(DomainSilo silo, Scenario scenario, string cardId)
    {
        var card = (await scenario.Grains.GetGrain<ICardCoordinationGrain>(cardId).FindAsync())!;
        var audit = await silo.Audit.ReadAsync(new AuditQuery(CardId: cardId, Limit: 1));
        var row = (await silo.Search.SearchCardsAsync(new CardSearchQuery(Text: cardId))).Items.Single();
        return (card.Version, card.State, audit.Total, row.Version, row.State);
    }

    private static Task InvokeAsync(Scenario scenario, CardDetails card, string useCase, string user)
    {
        var id = card.Id;
        var coordination = scenario.Grains.GetGrain<ICardCoordinationGrain>(id);
        return useCase switch
        {
            UseCases.CardsProcRequest => scenario.Card(id).RequestAsync(new RequestCardCommand(user, card.CardType)),
            UseCases.CardsProcApproveRequest => scenario.Card(id).ApproveRequestAsync(),
            UseCases.CardsProcRejectRequest => scenario.Card(id).RejectRequestAsync("no"),
            UseCases.UsersProcAbortRequest => scenario.Card(id).AbortRequestAsync(),
            UseCases.CardsBoProcRequestMulitple => coordination.CreateCardAsync(useCase, user, card.CardType, "batch-x", null),
            UseCases.CardsProcIssue => scenario.Card(id).IssueAsync(new IssueCardCommand()),
            UseCases.CardsBoProcIssueMultiple => coordination.StartBatchJobAsync(new BatchJobRequest(Scenario.NewId(), useCase, card.ConfigVersion, null)),
            UseCases.CardsProcActivate => scenario.Card(id).ActivateAsync(),
            UseCases.CardsProcDeactivate => scenario.Card(id).DeactivateAsync(),
            UseCases.CardsProcReactivate => scenario.Card(id).ReactivateAsync(),
            UseCases.CardsProcLock => scenario.Card(id).LockAsync(),
            UseCases.CardsProcUnblockRemote => scenario.Card(id).UnblockPinAsync(new UnblockPinCommand("0011223344556677")),
            UseCases.CardsAddonExtProdProcOrder => scenario.Card(id).OrderAsync(new OrderCardCommand(user, card.CardType)),
            UseCases.CardsAddonExtProdBoProcOrderMultiple => coordination.CreateCardAsync(useCase, user, card.CardType, "batch-x", null),
            UseCases.CardsAddonExtProdProcAbort => scenario.Card(id).AbortOrderAsync(),
            UseCases.CardsAddonExtProdProcActivate => scenario.Card(id).ActivateProducedAsync(),
            UseCases.TempCardsProcRequest => coordination.CreateCardAsync(useCase, null, card.CardType, null, null),
            UseCases.TempCardsBoProcIssueMultiple => coordination.StartBatchJobAsync(new BatchJobRequest(Scenario.NewId(), useCase, card.ConfigVersion, null)),
            UseCases.TempCardsAddonExtProdProcOrder => coordination.CreateCardAsync(useCase, user, card.CardType, null, null),
            UseCases.TempCardsAddonExtProdProcAbort => scenario.Temp(id).AbortTemporaryOrderAsync(),
            UseCases.TempCardsAddonExtProdInitialize => scenario.Temp(id).InitializeAsync(),
            UseCases.TempCardsProcAssign => scenario.Temp(id).AssignAsync(new AssignTemporaryCardCommand(user)),
            UseCases.TempCardsProcExtend => scenario.Temp(id).ExtendAsync(new ExtendTemporaryCardCommand()),
            UseCases.TempCardsProcWithdraw => scenario.Temp(id).WithdrawAsync(WithdrawReason.NoLongerNeeded),
            UseCases.TempCardsProcLock => scenario.Temp(id).LockTemporaryAsync(),
            _ => throw new InvalidOperationException($"No invoker for {useCase}"),
        };
    }
}

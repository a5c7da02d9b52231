using CardActors.Grains.Internal;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Tests;

/// <summary>
/// Every (state, use case) pair the state table does not list is refused with
/// card.invalid-transition and changes nothing: not the card, not its audit rows, not its search row.
/// The producer's updates, the expiry and the user's lock are automatic, not callable on a card: an update out of order is
/// acknowledged as ignored (tested in ExternalProductionTests). A permanent card never becomes
/// expired through a use case of domain.md, so that state has no card to try.
/// </summary>
public sealed class InvalidTransitionTests : DomainTest
{
    private static readonly HashSet<string> s_automatic =
    [
        UseCases.CardsAddonExtProdProcUpdate, UseCases.TempCardsAddonExtProdProcUpdate, UseCases.TempCardsExpire, UseCases.UsersProcLock,
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
        var card = kind == CardKind.Permanent ? await Scenario.PermanentInAsync(state) : await Scenario.TemporaryInAsync(state);
        Assert.Equal(state, card.State);
        var table = CardStateTables.For(kind);
        var refused = table.UseCases.Where(u => !s_automatic.Contains(u) && !table.Allows(u, state)).ToList();
        Assert.NotEmpty(refused);

        var before = await SnapshotAsync(card.Id);
        foreach (var useCase in refused)
        {
            var user = await Scenario.UserAsync();
            Operators.Act(Scenario.Approver);
            var error = await Assert.ThrowsAsync<InvalidTransitionException>(() => InvokeAsync(card, useCase, user));
            Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
            Assert.Equal(state, error.CurrentState);
            Assert.Equal(useCase, error.UseCase);
            Assert.Equal(before, await SnapshotAsync(card.Id));
        }
    }

    private async Task<(long Version, CardState State, long AuditRows, long SearchVersion, CardState SearchState)> SnapshotAsync(string cardId)
    {
        var card = (await Scenario.Coordination(cardId).FindAsync())!;
        var audit = await Silo.Audit.ReadAsync(new AuditQuery(CardId: cardId, Limit: 1));
        var row = (await Silo.Search.SearchCardsAsync(new CardSearchQuery(Text: cardId))).Items.Single();
        return (card.Version, card.State, audit.Total, row.Version, row.State);
    }

    private Task InvokeAsync(CardDetails card, string useCase, string user)
    {
        var id = card.Id;
        var coordination = Scenario.Coordination(id);
        return useCase switch
        {
            UseCases.CardsProcRequest => Scenario.Card(id).RequestAsync(new RequestCardCommand(user, card.CardType)),
            UseCases.CardsProcApproveRequest => Scenario.Card(id).ApproveRequestAsync(),
            UseCases.CardsProcRejectRequest => Scenario.Card(id).RejectRequestAsync("no"),
            UseCases.UsersProcAbortRequest => Scenario.Card(id).AbortRequestAsync(),
            UseCases.CardsBoProcRequestMulitple => coordination.CreateCardAsync(useCase, user, card.CardType, "batch-x", null),
            UseCases.CardsProcIssue => Scenario.Card(id).IssueAsync(new IssueCardCommand()),
            UseCases.CardsBoProcIssueMultiple => coordination.StartBatchJobAsync(new BatchJobRequest(Scenario.NewId(), useCase, card.ConfigVersion, null)),
            UseCases.CardsProcActivate => Scenario.Card(id).ActivateAsync(),
            UseCases.CardsProcDeactivate => Scenario.Card(id).DeactivateAsync(),
            UseCases.CardsProcReactivate => Scenario.Card(id).ReactivateAsync(),
            UseCases.CardsProcLock => Scenario.Card(id).LockAsync(),
            UseCases.CardsProcUnblockRemote => Scenario.Card(id).StartPinUnblockAsync(),
            UseCases.CardsAddonExtProdProcOrder => Scenario.Card(id).OrderAsync(new OrderCardCommand(user, card.CardType)),
            UseCases.CardsAddonExtProdBoProcOrderMultiple => coordination.CreateCardAsync(useCase, user, card.CardType, "batch-x", null),
            UseCases.CardsAddonExtProdProcAbort => Scenario.Card(id).AbortOrderAsync(),
            UseCases.CardsAddonExtProdProcActivate => Scenario.Card(id).ActivateProducedAsync(),
            UseCases.TempCardsProcRequest => coordination.CreateCardAsync(useCase, null, card.CardType, null, null),
            UseCases.TempCardsBoProcIssueMultiple => coordination.StartBatchJobAsync(new BatchJobRequest(Scenario.NewId(), useCase, card.ConfigVersion, null)),
            UseCases.TempCardsAddonExtProdProcOrder => coordination.CreateCardAsync(useCase, user, card.CardType, null, null),
            UseCases.TempCardsAddonExtProdProcAbort => Scenario.Temp(id).AbortTemporaryOrderAsync(),
            UseCases.TempCardsAddonExtProdInitialize => Scenario.Temp(id).InitializeAsync(),
            UseCases.TempCardsProcAssign => Scenario.Temp(id).AssignAsync(new AssignTemporaryCardCommand(user)),
            UseCases.TempCardsProcExtend => Scenario.Temp(id).ExtendAsync(new ExtendTemporaryCardCommand()),
            UseCases.TempCardsProcWithdraw => Scenario.Temp(id).WithdrawAsync(WithdrawReason.NoLongerNeeded),
            UseCases.TempCardsProcLock => Scenario.Temp(id).LockTemporaryAsync(),
            UseCases.CardsBoProcVoidMisprinted => coordination.RepeatMisprintedAsync(new BatchJobRequest(Scenario.NewId(), UseCases.CardsBoProcIssueMultiple, card.ConfigVersion, null), "smudged"),
            UseCases.TempCardsBoProcVoidMisprinted => coordination.RepeatMisprintedAsync(new BatchJobRequest(Scenario.NewId(), UseCases.TempCardsBoProcIssueMultiple, card.ConfigVersion, null), "smudged"),
            _ => throw new InvalidOperationException($"No invoker for {useCase}"),
        };
    }
}

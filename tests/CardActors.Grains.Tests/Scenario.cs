using CardActors.Grains.Internal;

namespace CardActors.Grains.Tests;

/// <summary>Configuration, users and cards in any state, made through the use cases themselves.</summary>
internal sealed class Scenario(DomainSilo silo)
{
    public const string Employee = "employee";
    public const string EmployeeApproval = "employee-approval";
    public const string EmployeeQueue = "employee-queue";

    /// <summary>Request card disabled: cards of this type are issued straight to their users.</summary>
    public const string EmployeeDirect = "employee-direct";
    public const string Temporary = "temporary";
    public const string TemporaryQueue = "temporary-queue";
    public const string TemporaryShort = "temporary-short";
    public const string Requester = "operator-a";
    public const string Approver = "operator-b";

    public IGrainFactory Grains => silo.Grains;

    public IConfigurationGrain Config => Grains.GetGrain<IConfigurationGrain>(IConfigurationGrain.DefaultKey);

    public ICardGrain Card(string id) => Grains.GetGrain<ICardGrain>(id);

    public ITemporaryCardGrain Temp(string id) => Grains.GetGrain<ITemporaryCardGrain>(id);

    public ICardProductionGrain Production(string id) => Grains.GetGrain<ICardProductionGrain>(id);

    public IExternalProductionGrain External => Grains.GetGrain<IExternalProductionGrain>(IExternalProductionGrain.DefaultKey);

    public ITemporaryCardPoolGrain Pool => Grains.GetGrain<ITemporaryCardPoolGrain>("default");

    public IBatchOrderGrain Batch(string id) => Grains.GetGrain<IBatchOrderGrain>(id);

    public IUserGrain User(string id) => Grains.GetGrain<IUserGrain>(id);

    public ICardCoordinationGrain Coordination(string cardId) => Grains.GetGrain<ICardCoordinationGrain>(cardId);

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Every use case enabled for every test card type; the variants differ in one option each.</summary>
    public async Task<Scenario> ConfigureAsync()
    {
        Operators.Act("admin");
        await Config.DefineCardTypeAsync(new DefineCardTypeCommand(EmployeeApproval, CardKind.Permanent));
        await Config.DefineCardTypeAsync(new DefineCardTypeCommand(EmployeeQueue, CardKind.Permanent));
        await Config.DefineCardTypeAsync(new DefineCardTypeCommand(EmployeeDirect, CardKind.Permanent));
        await Config.DefineCardTypeAsync(new DefineCardTypeCommand(TemporaryQueue, CardKind.Temporary));
        await Config.DefineCardTypeAsync(new DefineCardTypeCommand(TemporaryShort, CardKind.Temporary));
        await Config.EnableUseCasesAsync(Employee, UseCases.Configurable(CardKind.Permanent));
        await Config.EnableUseCasesAsync(EmployeeApproval, UseCases.Configurable(CardKind.Permanent));
        await Config.EnableUseCasesAsync(EmployeeQueue, UseCases.Configurable(CardKind.Permanent));
        await Config.EnableUseCasesAsync(EmployeeDirect, [.. UseCases.Configurable(CardKind.Permanent).Where(u => u != UseCases.CardsProcRequest)]);
        await Config.EnableUseCasesAsync(Temporary, UseCases.Configurable(CardKind.Temporary));
        await Config.EnableUseCasesAsync(TemporaryQueue, UseCases.Configurable(CardKind.Temporary));
        await Config.EnableUseCasesAsync(TemporaryShort, UseCases.Configurable(CardKind.Temporary));
        var approval = UseCaseOptions.Default with { ApprovalStep = true };
        await Config.SetUseCaseAsync(new SetUseCaseCommand(EmployeeApproval, UseCases.CardsProcRequest, true, approval));
        await Config.SetUseCaseAsync(new SetUseCaseCommand(EmployeeApproval, UseCases.CardsBoProcRequestMulitple, true, approval));
        await Config.SetUseCaseAsync(new SetUseCaseCommand(EmployeeApproval, UseCases.CardsProcDeactivate, true, approval));
        await Config.SetUseCaseAsync(new SetUseCaseCommand(EmployeeApproval, UseCases.CardsProcLock, true, approval));
        var queue = UseCaseOptions.Default with { QueueExternalOrders = true };
        await Config.SetUseCaseAsync(new SetUseCaseCommand(EmployeeQueue, UseCases.CardsAddonExtProdProcOrder, true, queue));
        await Config.SetUseCaseAsync(new SetUseCaseCommand(EmployeeQueue, UseCases.CardsAddonExtProdBoProcOrderMultiple, true, queue));
        await Config.SetUseCaseAsync(new SetUseCaseCommand(TemporaryQueue, UseCases.TempCardsAddonExtProdProcOrder, true, queue));
        await Config.SetUseCaseAsync(new SetUseCaseCommand(TemporaryShort, UseCases.TempCardsProcAssign, true, UseCaseOptions.Default with { TemporaryCardValidity = TimeSpan.FromSeconds(1) }));
        return this;
    }

    public async Task<string> UserAsync(UserState state = UserState.Active)
    {
        var id = "u-" + NewId()[..12];
        await User(id).CreateAsync(new CreateUserCommand("Test User " + id, id + "@example.com", "Tests", state));
        return id;
    }

    /// <summary>Claims the card's open job at a station (the job's own, when it is assigned to one) and completes it as done (or failed).</summary>
    public async Task<CardDetails> ProduceAsync(string cardId, bool succeed = true, string station = "station-1")
    {
        var card = await Coordination(cardId).FindAsync();
        var job = card!.Job!;
        // A job assigned to a station is that station's alone.
        station = job.StationId ?? station;
        await Production(cardId).ClaimJobAsync(job.JobId, station);
        return await Production(cardId).CompleteJobAsync(job.JobId, station,
            succeed ? ProductionJobResult.Done("SN-" + NewId()[..10], ["cert-1"]) : ProductionJobResult.Failed("printer jam"));
    }

    public async Task<CardDetails> ProducerAsync(string cardId, ProducerOrderStatus status)
    {
        Operators.Act("producer");
        await External.ReceiveStatusAsync(new ProducerStatusEvent(NewId(), cardId, status, DateTimeOffset.UtcNow, status == ProducerOrderStatus.Produced ? "EXT-1" : null,
            status == ProducerOrderStatus.Failed ? "bureau out of stock" : null));
        return (await Coordination(cardId).FindAsync())!;
    }

    /// <summary>
    /// A batch order that issues <paramref name="count"/> new approved cards at <paramref name="station"/>;
    /// no job done yet. The operator it acts as does not flow back to the caller (an async method's
    /// request context stays with it): the caller says who acts next.
    /// </summary>
    public async Task<(string Id, IBatchOrderGrain Batch, List<CardDetails> Cards)> IssueBatchOfApprovedCardsAsync(int count, string station)
    {
        var cards = new List<CardDetails>();
        for (var i = 0; i < count; i++)
        {
            cards.Add(await PermanentInAsync(CardState.Approved));
        }

        Operators.Act(Requester);
        var id = NewId();
        await Batch(id).StartIssueMultipleCardsAsync(new IssueMultipleCommand(Employee, [.. cards.Select(c => c.Id)], [station]));
        return (id, Batch(id), cards);
    }

    /// <summary>A new permanent card brought into <paramref name="state"/> by its use cases.</summary>
    public async Task<CardDetails> PermanentInAsync(CardState state)
    {
        var user = await UserAsync();
        var id = NewId();
        Operators.Act(Requester);
        switch (state)
        {
            case CardState.Registered:
                return await Card(id).IssueAsync(new IssueCardCommand(user, EmployeeDirect));
            case CardState.Requested:
                return await Card(id).RequestAsync(new RequestCardCommand(user, EmployeeApproval));
            case CardState.Approved:
                return await Card(id).RequestAsync(new RequestCardCommand(user, Employee));
            case CardState.Rejected:
                await Card(id).RequestAsync(new RequestCardCommand(user, EmployeeApproval));
                Operators.Act(Approver);
                return await Card(id).RejectRequestAsync("not needed");
            case CardState.Aborted:
                await Card(id).RequestAsync(new RequestCardCommand(user, EmployeeApproval));
                return await Card(id).AbortRequestAsync("changed my mind");
            case CardState.Issued:
                return await IssuedAsync(id, user);
            case CardState.Active:
            case CardState.Inactive:
            case CardState.Locked:
                await IssuedAsync(id, user);
                var active = await Card(id).ActivateAsync();
                return state switch
                {
                    CardState.Inactive => await Card(id).DeactivateAsync("holiday"),
                    CardState.Locked => await Card(id).LockAsync("lost"),
                    _ => active,
                };
            case CardState.Processing:
                return await Card(id).OrderAsync(new OrderCardCommand(user, EmployeeQueue));
            case CardState.Ordered:
                return await Card(id).OrderAsync(new OrderCardCommand(user, Employee));
            case CardState.InProduction:
                await Card(id).OrderAsync(new OrderCardCommand(user, Employee));
                return await ProducerAsync(id, ProducerOrderStatus.InProduction);
            case CardState.Produced:
                await Card(id).OrderAsync(new OrderCardCommand(user, Employee));
                return await ProducerAsync(id, ProducerOrderStatus.Produced);
            case CardState.Failed:
                await Card(id).OrderAsync(new OrderCardCommand(user, Employee));
                return await ProducerAsync(id, ProducerOrderStatus.Failed);
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "no use case leads a permanent card there");
        }
    }

    private async Task<CardDetails> IssuedAsync(string id, string user)
    {
        await Card(id).RequestAsync(new RequestCardCommand(user, Employee));
        await Card(id).IssueAsync(new IssueCardCommand());
        return await ProduceAsync(id);
    }

    /// <summary>A new temporary card brought into <paramref name="state"/> by its use cases.</summary>
    public async Task<CardDetails> TemporaryInAsync(CardState state)
    {
        Operators.Act(Requester);
        switch (state)
        {
            case CardState.Requested:
                return (await Pool.RequestAsync(new RequestTemporaryCardsCommand(Temporary, 1)))[0];
            case CardState.Unassigned:
            case CardState.Assigned:
            case CardState.Locked:
            case CardState.Expired:
                var type = state == CardState.Expired ? TemporaryShort : Temporary;
                var id = (await Pool.RequestAsync(new RequestTemporaryCardsCommand(type, 1)))[0].Id;
                await Batch(NewId()).StartIssueMultipleTemporaryCardsAsync(new IssueMultipleCommand(type, [id]));
                var unassigned = await ProduceAsync(id);
                if (state == CardState.Unassigned)
                {
                    return unassigned;
                }

                if (state == CardState.Locked)
                {
                    return await Temp(id).LockTemporaryAsync("broken");
                }

                var assigned = await Temp(id).AssignAsync(new AssignTemporaryCardCommand(await UserAsync()));
                return state == CardState.Assigned ? assigned : await WaitForAsync(id, CardState.Expired, TimeSpan.FromSeconds(20));
            case CardState.Processing:
                return (await Pool.OrderAsync(new OrderTemporaryCardsCommand(TemporaryQueue, 1, await UserAsync())))[0];
            case CardState.Aborted:
                var queued = (await Pool.OrderAsync(new OrderTemporaryCardsCommand(TemporaryQueue, 1, await UserAsync())))[0];
                return await Temp(queued.Id).AbortTemporaryOrderAsync("not needed");
            case CardState.Ordered:
            case CardState.InProduction:
            case CardState.Produced:
            case CardState.Failed:
                var ordered = (await Pool.OrderAsync(new OrderTemporaryCardsCommand(Temporary, 1, await UserAsync())))[0];
                return state switch
                {
                    CardState.InProduction => await ProducerAsync(ordered.Id, ProducerOrderStatus.InProduction),
                    CardState.Produced => await ProducerAsync(ordered.Id, ProducerOrderStatus.Produced),
                    CardState.Failed => await ProducerAsync(ordered.Id, ProducerOrderStatus.Failed),
                    _ => ordered,
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "no use case leads a temporary card there");
        }
    }

    public async Task<CardDetails> WaitForAsync(string cardId, CardState state, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var card = (await Coordination(cardId).FindAsync())!;
            if (card.State == state || DateTime.UtcNow > until)
            {
                return card;
            }

            await Task.Delay(50);
        }
    }
}

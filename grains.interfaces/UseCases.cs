namespace CardActors.Grains;

/// <summary>
/// The symbolic names of the use cases (Nexus Smart ID's where it has one, including its "Mulitple"
/// typo; ours, in the same style, where domain.md gives none). They name the use case in the
/// configuration (enable / options), in the state tables and in every audit row.
/// </summary>
public static class UseCases
{
    // Permanent cards.
    public const string CardsProcRequest = nameof(CardsProcRequest);
    public const string CardsProcApproveRequest = nameof(CardsProcApproveRequest);
    public const string CardsProcRejectRequest = nameof(CardsProcRejectRequest);
    public const string UsersProcAbortRequest = nameof(UsersProcAbortRequest);
    public const string CardsBoProcRequestMulitple = nameof(CardsBoProcRequestMulitple);
    public const string CardsProcIssue = nameof(CardsProcIssue);
    public const string CardsBoProcIssueMultiple = nameof(CardsBoProcIssueMultiple);
    public const string CardsProcActivate = nameof(CardsProcActivate);
    public const string CardsProcDeactivate = nameof(CardsProcDeactivate);
    public const string CardsProcReactivate = nameof(CardsProcReactivate);
    public const string CardsProcLock = nameof(CardsProcLock);
    public const string CardsProcUnblockRemote = nameof(CardsProcUnblockRemote);

    // Permanent cards, external production.
    public const string CardsAddonExtProdProcOrder = nameof(CardsAddonExtProdProcOrder);
    public const string CardsAddonExtProdBoProcOrderMultiple = nameof(CardsAddonExtProdBoProcOrderMultiple);
    public const string CardsAddonExtProdProcAbort = nameof(CardsAddonExtProdProcAbort);
    public const string CardsAddonExtProdProcUpdate = nameof(CardsAddonExtProdProcUpdate);
    public const string CardsAddonExtProdProcActivate = nameof(CardsAddonExtProdProcActivate);

    // Temporary cards.
    public const string TempCardsProcRequest = nameof(TempCardsProcRequest);
    public const string TempCardsBoProcIssueMultiple = nameof(TempCardsBoProcIssueMultiple);
    public const string TempCardsProcAssign = nameof(TempCardsProcAssign);
    public const string TempCardsProcExtend = nameof(TempCardsProcExtend);
    public const string TempCardsProcWithdraw = nameof(TempCardsProcWithdraw);
    public const string TempCardsProcLock = nameof(TempCardsProcLock);

    /// <summary>Automatic, at the end of a temporary card's validity; not configurable.</summary>
    public const string TempCardsExpire = nameof(TempCardsExpire);

    // Temporary cards, external production.
    public const string TempCardsAddonExtProdProcOrder = nameof(TempCardsAddonExtProdProcOrder);
    public const string TempCardsAddonExtProdProcAbort = nameof(TempCardsAddonExtProdProcAbort);
    public const string TempCardsAddonExtProdProcUpdate = nameof(TempCardsAddonExtProdProcUpdate);
    public const string TempCardsAddonExtProdInitialize = nameof(TempCardsAddonExtProdInitialize);

    // Users (not configurable: always enabled).
    public const string UsersProcCreate = nameof(UsersProcCreate);
    public const string UsersProcActivate = nameof(UsersProcActivate);
    public const string UsersProcDeactivate = nameof(UsersProcDeactivate);
    public const string UsersProcLock = nameof(UsersProcLock);

    // Administration (audited like the rest).
    public const string AdminConfigChange = nameof(AdminConfigChange);
    public const string AdminDispatcherPause = nameof(AdminDispatcherPause);
    public const string AdminDispatcherResume = nameof(AdminDispatcherResume);
    public const string AdminApiKeyCreate = nameof(AdminApiKeyCreate);
    public const string AdminApiKeyRevoke = nameof(AdminApiKeyRevoke);
    public const string AdminStationRegister = nameof(AdminStationRegister);

    // Batch orders.
    public const string BatchOrderComplete = nameof(BatchOrderComplete);
    public const string BatchOrderRepeatProduction = nameof(BatchOrderRepeatProduction);

    /// <summary>
    /// Repeat production of a misprinted card, the card's part: its physical card is voided and it
    /// goes back to approved (permanent) or requested (temporary) until the new job is done. Part of
    /// the Issue multiple use case of its kind (enabled with it); not configurable on its own.
    /// </summary>
    public const string CardsBoProcVoidMisprinted = nameof(CardsBoProcVoidMisprinted);

    /// <inheritdoc cref="CardsBoProcVoidMisprinted"/>
    public const string TempCardsBoProcVoidMisprinted = nameof(TempCardsBoProcVoidMisprinted);

    /// <summary>The use cases an admin enables per card type of <paramref name="kind"/>; all start disabled.</summary>
    public static IReadOnlyList<string> Configurable(CardKind kind) => kind == CardKind.Permanent
        ?
        [
            CardsProcRequest, CardsProcApproveRequest, CardsProcRejectRequest, UsersProcAbortRequest, CardsBoProcRequestMulitple,
            CardsProcIssue, CardsBoProcIssueMultiple, CardsProcActivate, CardsProcDeactivate, CardsProcReactivate, CardsProcLock,
            CardsProcUnblockRemote, CardsAddonExtProdProcOrder, CardsAddonExtProdBoProcOrderMultiple, CardsAddonExtProdProcAbort,
            CardsAddonExtProdProcActivate,
        ]
        :
        [
            TempCardsProcRequest, TempCardsBoProcIssueMultiple, TempCardsProcAssign, TempCardsProcExtend, TempCardsProcWithdraw,
            TempCardsProcLock, TempCardsAddonExtProdProcOrder, TempCardsAddonExtProdProcAbort, TempCardsAddonExtProdInitialize,
        ];
}

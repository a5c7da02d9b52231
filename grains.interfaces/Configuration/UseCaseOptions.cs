namespace CardActors.Grains;

/// <summary>
/// The options of a use case, with the defaults of the vendor's documentation; an admin changes
/// values (with <c>with</c>), never writes them from nothing. Each use case reads the options that
/// apply to it and ignores the rest.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.UseCaseOptions")]
public sealed record UseCaseOptions
{
    public static UseCaseOptions Default { get; } = new();

    /// <summary>Request card, Deactivate, Lock: a second operator must approve.</summary>
    [Id(0)]
    public bool ApprovalStep { get; init; }

    /// <summary>Issue card, Issue multiple, Initialize, Activate (external): the PIN the system generates.</summary>
    [Id(1)]
    public int PinLength { get; init; } = 6;

    [Id(2)]
    public int PukLength { get; init; } = 8;

    /// <summary>Activate, Reactivate, Issue multiple: several active permanent cards per user.</summary>
    [Id(3)]
    public bool AllowSeveralActiveCards { get; init; }

    /// <summary>Assign temporary card: several assigned temporary cards per user.</summary>
    [Id(4)]
    public bool AllowSeveralAssignedTemporaryCards { get; init; }

    /// <summary>Assign and Extend temporary card; must match the certificates' validity.</summary>
    [Id(5)]
    public TimeSpan TemporaryCardValidity { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Order (external): several open orders per user.</summary>
    [Id(6)]
    public bool AllowSeveralExternalOrders { get; init; }

    /// <summary>Order (external): orders wait in state processing for the dispatcher.</summary>
    [Id(7)]
    public bool QueueExternalOrders { get; init; }

    /// <summary>Order temporary cards (external): the producer's production type.</summary>
    [Id(8)]
    public string? ProductionType { get; init; }

    /// <summary>Issue multiple temporary cards: encode keys, PIN and PUK (else print only).</summary>
    [Id(9)]
    public bool EncodeTemporaryCard { get; init; } = true;

    /// <summary>Certificate templates to issue; empty means those of the card type's profile. Only when encoding.</summary>
    [Id(10)]
    public IReadOnlyList<string> Certificates { get; init; } = [];

    /// <summary>Issue multiple cards: the cards end active instead of issued.</summary>
    [Id(11)]
    public bool ActivateAfterIssue { get; init; }
}

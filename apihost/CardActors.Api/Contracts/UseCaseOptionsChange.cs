namespace CardActors.Api.Contracts;

/// <summary>
/// New values for some options of a use case; the others keep their current values, so an admin
/// changes values and never writes the options from nothing.
/// </summary>
public sealed record UseCaseOptionsChange
{
    public bool? ApprovalStep { get; init; }

    public int? PinLength { get; init; }

    public int? PukLength { get; init; }

    public bool? AllowSeveralActiveCards { get; init; }

    public bool? AllowSeveralAssignedTemporaryCards { get; init; }

    /// <summary>E.g. "14.00:00:00".</summary>
    public TimeSpan? TemporaryCardValidity { get; init; }

    public bool? AllowSeveralExternalOrders { get; init; }

    public bool? QueueExternalOrders { get; init; }

    public string? ProductionType { get; init; }

    public bool? EncodeTemporaryCard { get; init; }

    public IReadOnlyList<string>? Certificates { get; init; }

    public bool? ActivateAfterIssue { get; init; }

    public UseCaseOptions ApplyTo(UseCaseOptions current) => current with
    {
        ApprovalStep = ApprovalStep ?? current.ApprovalStep,
        PinLength = PinLength ?? current.PinLength,
        PukLength = PukLength ?? current.PukLength,
        AllowSeveralActiveCards = AllowSeveralActiveCards ?? current.AllowSeveralActiveCards,
        AllowSeveralAssignedTemporaryCards = AllowSeveralAssignedTemporaryCards ?? current.AllowSeveralAssignedTemporaryCards,
        TemporaryCardValidity = TemporaryCardValidity ?? current.TemporaryCardValidity,
        AllowSeveralExternalOrders = AllowSeveralExternalOrders ?? current.AllowSeveralExternalOrders,
        QueueExternalOrders = QueueExternalOrders ?? current.QueueExternalOrders,
        ProductionType = ProductionType ?? current.ProductionType,
        EncodeTemporaryCard = EncodeTemporaryCard ?? current.EncodeTemporaryCard,
        Certificates = Certificates ?? current.Certificates,
        ActivateAfterIssue = ActivateAfterIssue ?? current.ActivateAfterIssue,
    };
}

namespace CardActors.Grains;

/// <summary>A deactivation or lock whose option "approval step" is on: applied when another operator approves it.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.PendingApproval")]
public sealed record PendingApproval([property: Id(0)] string UseCase, [property: Id(1)] CardState ToState, [property: Id(2)] string RequestedBy, [property: Id(3)] DateTimeOffset RequestedAt, [property: Id(4)] string? Reason);

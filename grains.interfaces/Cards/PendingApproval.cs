namespace CardActors.Grains;

/// <summary>A deactivation or lock whose option "approval step" is on: applied when another operator approves it.</summary>
public sealed record PendingApproval(string UseCase, CardState ToState, string RequestedBy, DateTimeOffset RequestedAt, string? Reason);

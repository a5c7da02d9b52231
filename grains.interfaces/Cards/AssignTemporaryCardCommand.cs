namespace CardActors.Grains;

/// <summary><c>TempCardsProcAssign</c>: unassigned → assigned to an active user, valid for the configured validity.</summary>
public sealed record AssignTemporaryCardCommand(string UserId);

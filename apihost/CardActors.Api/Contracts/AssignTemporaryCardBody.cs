namespace CardActors.Api.Contracts;

/// <summary>Assign a temporary card (<c>TempCardsProcAssign</c>) to an active user.</summary>
public sealed record AssignTemporaryCardBody(string UserId);

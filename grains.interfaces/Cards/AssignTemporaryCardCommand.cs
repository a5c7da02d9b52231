namespace CardActors.Grains;

/// <summary><c>TempCardsProcAssign</c>: unassigned → assigned to an active user, valid for the configured validity.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.AssignTemporaryCardCommand")]
public sealed record AssignTemporaryCardCommand([property: Id(0)] string UserId);

namespace CardActors.Grains;

/// <summary>Audit rows in chain order (oldest first), optionally of one card or one user (rows of the user and of their cards).</summary>
[GenerateSerializer, Immutable, Alias("CardActors.AuditQuery")]
public sealed record AuditQuery([property: Id(0)] string? CardId = null, [property: Id(1)] string? UserId = null, [property: Id(2)] int Offset = 0, [property: Id(3)] int Limit = 100);

namespace CardActors.Grains;

/// <summary>Audit rows in chain order (oldest first), optionally of one card or one user (rows of the user and of their cards).</summary>
public sealed record AuditQuery(string? CardId = null, string? UserId = null, int Offset = 0, int Limit = 100);

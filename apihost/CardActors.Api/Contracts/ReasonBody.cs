namespace CardActors.Api.Contracts;

/// <summary>An optional reason (abort, deactivate, lock, reject a pending change).</summary>
public sealed record ReasonBody(string? Reason = null);

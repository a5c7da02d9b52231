namespace CardActors.Api.Contracts;

/// <summary>Extend a temporary card (<c>TempCardsProcExtend</c>): a new validity end (default: the configured validity from now), optionally re-encoded.</summary>
public sealed record ExtendTemporaryCardBody(DateTimeOffset? ValidUntil = null, bool Reencode = false);

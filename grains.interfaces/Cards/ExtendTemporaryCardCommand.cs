namespace CardActors.Grains;

/// <summary>
/// <c>TempCardsProcExtend</c>: a new validity end (default: now plus the configured validity, which
/// it may not exceed); <paramref name="Reencode"/> starts a job that puts new certificates on the card.
/// </summary>
public sealed record ExtendTemporaryCardCommand(DateTimeOffset? ValidUntil = null, bool Reencode = false);

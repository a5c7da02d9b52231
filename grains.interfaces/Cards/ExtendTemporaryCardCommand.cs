namespace CardActors.Grains;

/// <summary>
/// <c>TempCardsProcExtend</c>: a new validity end (default: now plus the configured validity, which
/// it may not exceed); <paramref name="Reencode"/> starts a job that puts new certificates on the card.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.ExtendTemporaryCardCommand")]
public sealed record ExtendTemporaryCardCommand([property: Id(0)] DateTimeOffset? ValidUntil = null, [property: Id(1)] bool Reencode = false);

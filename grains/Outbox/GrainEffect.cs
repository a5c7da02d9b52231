namespace CardActors.Grains.Outbox;

/// <summary>One call to another grain, owed by a committed change.</summary>
/// <param name="Key">Unique per effect (source grain, sequence, index): receivers remember it to apply an effect once.</param>
/// <param name="TargetId">The key of the grain to call: a user id or a card id.</param>
public sealed record GrainEffect(
    EffectKind Kind,
    string Key,
    string TargetId,
    string? CardId = null,
    CardKind? CardKind = null,
    CardState? CardState = null,
    long Version = 0,
    string? OtherId = null);

namespace CardActors.Grains.Production;

/// <summary>What the external producer receives for one card (JSON over HTTP). <see cref="OrderId"/> is unique and stable: a resent order is the same order.</summary>
public sealed record ProducerOrder(string OrderId, string CardId, CardKind Kind, string CardType, string? UserId, string? ProductionType, CardProfile Profile, DateTimeOffset OrderedAt);

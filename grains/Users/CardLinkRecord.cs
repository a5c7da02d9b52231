namespace CardActors.Grains.Users;

/// <param name="Reserved">A place held by <c>ReserveAsync</c> that the card has not yet confirmed by reporting its state.</param>
public sealed record CardLinkRecord(CardKind Kind, CardState State, long Version, bool Reserved);

namespace CardActors.Grains.Internal;

/// <param name="AllowSeveral">The use case's option: when true only "user active" is checked.</param>
/// <param name="CardVersion">The card's version when it reserves: only a report of a later version (its commit) confirms the place.</param>
public sealed record CardReservation(string CardId, CardKind Kind, ReservationKind For, bool AllowSeveral, long CardVersion);

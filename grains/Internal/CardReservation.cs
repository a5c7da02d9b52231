namespace CardActors.Grains.Internal;

/// <param name="AllowSeveral">The use case's option: when true only "user active" is checked.</param>
public sealed record CardReservation(string CardId, CardKind Kind, ReservationKind For, bool AllowSeveral);

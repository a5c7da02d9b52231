namespace CardActors.Grains.Internal;

/// <param name="AllowSeveral">The use case's option: when true only "user active" is checked.</param>
/// <param name="CardVersion">The card's version when it reserves: only a report of a later version (its commit) confirms the place.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CardReservation")]
public sealed record CardReservation([property: Id(0)] string CardId, [property: Id(1)] CardKind Kind, [property: Id(2)] ReservationKind For, [property: Id(3)] bool AllowSeveral, [property: Id(4)] long CardVersion);

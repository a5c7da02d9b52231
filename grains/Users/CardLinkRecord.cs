using CardActors.Storage.Serialization;

namespace CardActors.Grains.Users;

/// <param name="Reserved">A place held by <c>ReserveAsync</c> that the card has not yet confirmed by reporting its state.</param>
/// <param name="ReservedUntil">
/// Until when a reserved place is held without asking the card: a use case ends (commits, fails and
/// releases, or times out) within the response timeout. Null for places reserved before the lease existed.
/// </param>
[OmitNulls]
public sealed record CardLinkRecord(CardKind Kind, CardState State, long Version, bool Reserved, DateTimeOffset? ReservedUntil = null);

using CardActors.Runtime;

namespace CardActors.Grains.Internal;

/// <summary>What card grains ask of and tell a user grain. Not for the API.</summary>
public interface IUserCoordinationGrain : IGrainWithStringKey
{
    /// <summary>Throws <c>user.not-found</c> or <c>user.not-active</c>.</summary>
    [AlwaysInterleave]
    Task EnsureActiveAsync();

    /// <summary>
    /// Checks "user active" and the per-user limit, and holds the place for the card until it
    /// reports its new state. Returns the user's active permanent cards (other than the card itself):
    /// an assigned temporary card makes them inactive.
    /// </summary>
    Task<IReadOnlyList<string>> ReserveAsync(CardReservation reservation);

    /// <summary>Idempotent: older versions than the one known are ignored.</summary>
    Task ReportCardAsync(UserCardReport report);
}

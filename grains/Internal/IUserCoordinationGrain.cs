
namespace CardActors.Grains.Internal;

/// <summary>What card grains ask of and tell a user grain. Not for the API.</summary>
[Alias("CardActors.IUserCoordinationGrain")]
public interface IUserCoordinationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Throws <c>user.not-found</c> or <c>user.not-active</c>. Interleaves: it only reads, and a card
    /// asks it while the user may be waiting for that very card (locking a user locks its cards).
    /// </summary>
    [AlwaysInterleave]
    [Alias("EnsureActiveAsync")]
    Task EnsureActiveAsync();

    /// <summary>
    /// Checks "user active" and the per-user limit, and holds the place for the card until it
    /// reports a newer state, releases it, or the lease (the response timeout) runs out. Returns the
    /// user's active permanent cards (other than the card itself): an assigned temporary card makes
    /// them inactive.
    /// </summary>
    [Alias("ReserveAsync")]
    Task<IReadOnlyList<string>> ReserveAsync(CardReservation reservation);

    /// <summary>
    /// Gives a reserved place back: the card's use case failed. <paramref name="actual"/> is the card
    /// as it is now (null: it does not exist); a place the card has confirmed already is left alone.
    /// </summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string cardId, UserCardReport? actual);

    /// <summary>Idempotent: versions up to the one known (a reservation's included) are ignored.</summary>
    [Alias("ReportCardAsync")]
    Task ReportCardAsync(UserCardReport report);
}

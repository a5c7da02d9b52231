namespace CardActors.Grains.Internal;

/// <summary>The station's side of dispatch, for its line. Not for the API.</summary>
[Alias("CardActors.IStationDispatchGrain")]
public interface IStationDispatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// The line offers a job. The station takes it (the card records the assignment, so no other
    /// station can) and pushes it to its process; or gives it back to the line when it is offline or
    /// busy; or drops it when the card says it is not to be done (any more) or another station holds it.
    /// </summary>
    [OneWay]
    [Alias("OfferAsync")]
    Task OfferAsync(LineJob job);
}

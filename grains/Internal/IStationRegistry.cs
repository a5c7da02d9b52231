namespace CardActors.Grains.Internal;

/// <summary>The directory's side for station grains: a registered station is listed from then on. Not for the API.</summary>
[Alias("CardActors.IStationRegistry")]
public interface IStationRegistry : IGrainWithStringKey
{
    [Alias("AddAsync")]
    Task AddAsync(string stationId);
}

namespace CardActors.Grains;

/// <summary>
/// A production line (key: line id): the stations registered to it and the queue of jobs its batch
/// orders fanned out. Stations join a line by being registered (<see cref="IStationGrain.RegisterAsync"/>).
/// </summary>
[Alias("CardActors.ILineGrain")]
public interface ILineGrain : IGrainWithStringKey
{
    /// <summary>The line with each station's own report; <c>line.not-found</c> for a line no station was ever registered to.</summary>
    [Alias("GetAsync")]
    Task<LineDetails> GetAsync();

    /// <summary>The ids of the stations registered to the line (empty for an unknown line).</summary>
    [ReadOnly]
    [Alias("GetStationIdsAsync")]
    Task<IReadOnlyList<string>> GetStationIdsAsync();
}

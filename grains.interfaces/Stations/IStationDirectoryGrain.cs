namespace CardActors.Grains;

/// <summary>Every registered station (one grain, key <see cref="DefaultKey"/>): what <c>GET /stations</c> lists.</summary>
[Alias("CardActors.IStationDirectoryGrain")]
public interface IStationDirectoryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>Each registered station as it reports itself, ordered by id.</summary>
    [AlwaysInterleave]
    [Alias("ListAsync")]
    Task<IReadOnlyList<StationDetails>> ListAsync();
}

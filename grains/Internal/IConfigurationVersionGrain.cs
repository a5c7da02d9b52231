namespace CardActors.Grains.Internal;

/// <summary>
/// One version of the configuration, keyed by its number: the configuration grain keeps only the
/// current version in its state and each version here, so a change writes one version, whatever the
/// number of versions before it. Not for the API.
/// </summary>
[Alias("CardActors.IConfigurationVersionGrain")]
public interface IConfigurationVersionGrain : IGrainWithIntegerKey
{
    /// <summary>The version, or null when none was stored under this number.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<ConfigurationSnapshot?> GetAsync();

    /// <summary>Stores the version before the configuration grain commits it; a version stored again (its commit failed) replaces it.</summary>
    [Alias("StoreAsync")]
    Task StoreAsync(ConfigurationSnapshot snapshot);
}

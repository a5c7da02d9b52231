using CardActors.Grains.Internal;

namespace CardActors.Grains.Configuration;

/// <summary>One stored version of the configuration (see <see cref="IConfigurationVersionGrain"/>).</summary>
public sealed class ConfigurationVersionGrain([PersistentState("configuration-version")] IPersistentState<ConfigurationVersionRecord> state)
    : Grain, IConfigurationVersionGrain
{
    public Task<ConfigurationSnapshot?> GetAsync() => Task.FromResult(state.State.Snapshot);

    public async Task StoreAsync(ConfigurationSnapshot snapshot)
    {
        if (snapshot.Version != this.GetPrimaryKeyLong())
        {
            throw new ArgumentException($"Version {snapshot.Version} does not belong to grain {this.GetPrimaryKeyLong()}.", nameof(snapshot));
        }

        state.State = new ConfigurationVersionRecord { Snapshot = snapshot };
        await state.WriteStateAsync();
    }
}

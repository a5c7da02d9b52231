namespace CardActors.Api.Security;

[GrainType("apikeys")]
public sealed class ApiKeyStoreGrain([PersistentState("keys")] IPersistentState<ApiKeyStoreState> state) : Grain, IApiKeyStoreGrain
{
    public Task<StoredApiKey?> FindBySha256Async(string sha256)
        => Task.FromResult(state.State.Keys.Values.FirstOrDefault(k => string.Equals(k.Sha256, sha256, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<StoredApiKey>> ListAsync() => Task.FromResult<IReadOnlyList<StoredApiKey>>([.. state.State.Keys.Values]);

    public async Task<bool> AddAsync(StoredApiKey key)
    {
        if (state.State.Keys.ContainsKey(key.Name))
        {
            return false;
        }

        state.State.Keys[key.Name] = key;
        await state.WriteStateAsync();
        return true;
    }
}

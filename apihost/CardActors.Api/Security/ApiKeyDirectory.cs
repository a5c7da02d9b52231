using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CardActors.Api.Security;

/// <summary>
/// Finds the caller of a key by the key's SHA-256: first among the configured keys, then among
/// those kept in the database. Found keys are remembered for a minute so that a busy API does not
/// ask the key store grain on every request; keys are only ever added, so nothing goes stale that matters.
/// </summary>
public sealed class ApiKeyDirectory
{
    private static readonly TimeSpan s_cacheTime = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, ApiCaller> _configured;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (ApiCaller Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public ApiKeyDirectory(IOptions<ApiOptions> options, IGrainFactory grains, TimeProvider time)
    {
        _configured = options.Value.Keys.ToDictionary(
            k => k.Sha256.ToLowerInvariant(),
            k => new ApiCaller(k.Name, k.AllRoles()),
            StringComparer.Ordinal);
        _grains = grains;
        _time = time;
    }

    public async Task<ApiCaller?> FindAsync(string key)
    {
        var hash = ApiKeyHash.Compute(key);
        if (_configured.TryGetValue(hash, out var configured))
        {
            return configured;
        }

        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Caller;
        }

        var stored = await _grains.GetGrain<IApiKeyStoreGrain>(IApiKeyStoreGrain.DefaultKey).FindBySha256Async(hash);
        if (stored is null)
        {
            return null;
        }

        var caller = new ApiCaller(stored.Name, stored.Roles);
        _cache[hash] = (caller, now + s_cacheTime);
        return caller;
    }
}

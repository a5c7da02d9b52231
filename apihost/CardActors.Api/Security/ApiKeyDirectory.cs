using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CardActors.Api.Security;

/// <summary>
/// Finds the caller of a key by the key's SHA-256: first among the configured keys, then among
/// those kept in the database. Found keys are remembered for a minute so that a busy API does not
/// ask the key store grain on every request: a key revoked on another API host keeps working here
/// for up to that minute (on this host it stops at once). Each lookup in the store also records the
/// key's last use, so last use is exact to about a minute.
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
        await _grains.GetGrain<IApiKeyStoreGrain>(IApiKeyStoreGrain.DefaultKey).RecordUseAsync(stored.Name, now);
        return caller;
    }

    /// <summary>The configured keys: name and roles (their hashes stay here).</summary>
    public IEnumerable<ApiCaller> Configured => _configured.Values;

    /// <summary>Forgets a revoked key at once on this host.</summary>
    public void Forget(string name)
    {
        foreach (var (hash, entry) in _cache)
        {
            if (entry.Caller.Name == name)
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }
}

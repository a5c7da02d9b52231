using CardActors.Api.Security;

namespace CardActors.Api;

/// <summary>The API's settings: section <c>CardActors:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "CardActors:Api";

    /// <summary>Keys from configuration (hashed); keys made by <c>--seed-demo</c> are kept in the database instead.</summary>
    public List<ApiKeyConfiguration> Keys { get; set; } = [];

    /// <summary>How long a request waits for another request with the same idempotency key to finish before it gets 409.</summary>
    public TimeSpan IdempotencyWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a request may hold its idempotency key before another request with the key may take
    /// over: only after a crash, since a live request completes or releases it. Longer than any request runs.
    /// </summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after this process's last heartbeat another process may take over the idempotency
    /// keys its requests hold: after a crash, a retry waits about this long rather than the lease.
    /// The process beats three times within it; a lease that ends sooner still frees the key sooner.
    /// </summary>
    public TimeSpan IdempotencyHolderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a completed request's response is replayed for its idempotency key.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IEnumerable<string> Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            var path = $"{SectionName}:Keys:{i}";
            if (key.Key is not null)
            {
                yield return $"{path}:Key must not hold a clear key: put its SHA-256 in {path}:Sha256 (printf '%s' \"$KEY\" | sha256sum).";
            }

            if (string.IsNullOrWhiteSpace(key.Name))
            {
                yield return $"{path}:Name is required (it names the caller in the audit).";
            }
            else if (!names.Add(key.Name))
            {
                yield return $"{path}:Name '{key.Name}' is used by another key.";
            }

            if (!ApiKeyHash.IsWellFormed(key.Sha256))
            {
                yield return $"{path}:Sha256 must be the 64 hex digits of the key's SHA-256 (printf '%s' \"$KEY\" | sha256sum).";
            }

            var roles = key.AllRoles();
            if (roles.Count == 0)
            {
                yield return $"{path}:Role must be one of {string.Join(", ", ApiRoles.All)}.";
            }

            foreach (var role in roles.Where(r => !ApiRoles.IsKnown(r)))
            {
                yield return $"{path}:Role must be one of {string.Join(", ", ApiRoles.All)}, not '{role}'.";
            }
        }

        if (IdempotencyWait <= TimeSpan.Zero || IdempotencyLease <= TimeSpan.Zero || IdempotencyRetention <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:IdempotencyWait, IdempotencyLease and IdempotencyRetention must be positive.";
        }

        if (IdempotencyHolderTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"{SectionName}:IdempotencyHolderTimeout must be at least one second.";
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CardActors.Api.Idempotency;

/// <summary>
/// This process as an <see cref="IdempotencyHolder"/>: one per run, named by machine and listening
/// addresses; and which of its requests works on each key now.
/// </summary>
public sealed class IdempotencyHolderOfThisRun(IConfiguration configuration, IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<string, HttpContext> _working = new(StringComparer.Ordinal);

    public IdempotencyHolder Holder { get; } = new(
        $"{Environment.MachineName} {configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "default"}", Guid.NewGuid(), options.Value.IdempotencyHolderTimeout);

    /// <summary>Makes <paramref name="request"/> the request of this run that works on <paramref name="key"/>, unless another one does: true when it is.</summary>
    public bool Enter(string key, HttpContext request) => ReferenceEquals(_working.GetOrAdd(key, request), request);

    /// <summary>Ends <paramref name="request"/>'s work on <paramref name="key"/>, if it was the one working on it.</summary>
    public void Leave(string key, HttpContext request) => _working.TryRemove(KeyValuePair.Create(key, request));
}

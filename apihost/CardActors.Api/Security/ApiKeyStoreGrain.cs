using CardActors.Grains.Outbox;

namespace CardActors.Api.Security;

/// <summary>
/// The API keys kept in the database. Creating and revoking a key are admin actions, audited like
/// the others: the audit row is committed with the change through the outbox (subject "api-key").
/// Last use is bookkeeping, not audited.
/// </summary>
[GrainType("apikeys")]
public sealed class ApiKeyStoreGrain : Grain, IApiKeyStoreGrain, IOutboxGrain
{
    // Last use is shown to the minute: a key in steady use costs one write a minute, not one a request.
    private static readonly TimeSpan s_useResolution = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<ApiKeyStoreState> _state;
    private readonly TimeProvider _time;
    private readonly OutboxCommitter<ApiKeyStoreState> _outbox;

    public ApiKeyStoreGrain([PersistentState("keys")] IPersistentState<ApiKeyStoreState> state, OutboxDrainer drainer, TimeProvider time)
    {
        _state = state;
        _time = time;
        _outbox = new OutboxCommitter<ApiKeyStoreState>(state, drainer, () => this.GetGrainId());
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _outbox.TryDrainAsync();

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    public Task<StoredApiKey?> FindBySha256Async(string sha256)
        => Task.FromResult(_state.State.Keys.Values.FirstOrDefault(k => string.Equals(k.Sha256, sha256, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<StoredApiKey>> ListAsync() => Task.FromResult<IReadOnlyList<StoredApiKey>>([.. _state.State.Keys.Values.OrderBy(k => k.Name, StringComparer.Ordinal)]);

    public async Task<bool> AddAsync(StoredApiKey key)
    {
        if (_state.State.Keys.ContainsKey(key.Name))
        {
            return false;
        }

        var audit = AuditContext.Record(_time.GetUtcNow(), UseCases.AdminApiKeyCreate, "api-key", key.Name, null, null, null, "active", new { roles = key.Roles });
        var keys = new Dictionary<string, StoredApiKey>(_state.State.Keys, StringComparer.Ordinal) { [key.Name] = key };
        await _outbox.CommitAsync((_state.State with { Keys = keys }).WithAudit(audit));
        return true;
    }

    public async Task<bool> RevokeAsync(string name)
    {
        if (!_state.State.Keys.TryGetValue(name, out var key))
        {
            return false;
        }

        var audit = AuditContext.Record(_time.GetUtcNow(), UseCases.AdminApiKeyRevoke, "api-key", name, null, null, "active", "revoked", new { roles = key.Roles });
        var keys = new Dictionary<string, StoredApiKey>(_state.State.Keys, StringComparer.Ordinal);
        keys.Remove(name);
        await _outbox.CommitAsync((_state.State with { Keys = keys }).WithAudit(audit));
        return true;
    }

    public async Task RecordUseAsync(string name, DateTimeOffset at)
    {
        if (!_state.State.Keys.TryGetValue(name, out var key) || key.LastUsedAt + s_useResolution > at)
        {
            return;
        }

        var keys = new Dictionary<string, StoredApiKey>(_state.State.Keys, StringComparer.Ordinal) { [name] = key with { LastUsedAt = at } };
        await _outbox.WriteAsync(_state.State with { Keys = keys });
    }
}

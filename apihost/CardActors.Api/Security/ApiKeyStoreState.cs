using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Api.Security;

/// <summary>The persistent state of <see cref="ApiKeyStoreGrain"/>: keys by name, and the audit rows of their changes not yet drained.</summary>
[OmitNulls]
public sealed record ApiKeyStoreState : IAuditedState<ApiKeyStoreState>
{
    public Dictionary<string, StoredApiKey> Keys { get; init; } = new(StringComparer.Ordinal);

    public long Sequence { get; init; }

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public ApiKeyStoreState WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };

    public ApiKeyStoreState WithSequence(long sequence) => this with { Sequence = sequence };
}

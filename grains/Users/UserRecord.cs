using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Users;

[OmitNulls]
public sealed record UserRecord : IOutboxState<UserRecord>
{
    public bool Exists { get; init; }

    public string DisplayName { get; init; } = "";

    public string? Email { get; init; }

    public string? Department { get; init; }

    public UserState State { get; init; }

    public long Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The cards that hold one of the user's places now (an active permanent card, an assigned
    /// temporary card, an open external order) and the places reserved by use cases not yet
    /// committed; never the user's other cards, so the state does not grow with their history.
    /// </summary>
    public IReadOnlyDictionary<string, CardLinkRecord> Cards { get; init; } = new Dictionary<string, CardLinkRecord>();

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    public UserRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };
}

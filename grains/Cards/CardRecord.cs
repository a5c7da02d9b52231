using System.Text.Json.Serialization;
using CardActors.Grains.Outbox;
using CardActors.Storage.Serialization;

namespace CardActors.Grains.Cards;

/// <summary>
/// The stored state of a card of either kind. Secrets only as AES-GCM ciphertext (PUK, management
/// key); no form of the PIN is kept. Version 2 dropped the PIN hash of version 1
/// (<see cref="CardRecordMigrations"/>).
/// </summary>
[StateVersion(2), OmitNulls]
public sealed record CardRecord : IOutboxState<CardRecord>
{
    public bool Exists { get; init; }

    public CardKind Kind { get; init; }

    public string CardType { get; init; } = "";

    public CardState State { get; init; }

    public string? UserId { get; init; }

    public long Version { get; init; }

    public int ConfigVersion { get; init; }

    public string? Serial { get; init; }

    public string? BatchId { get; init; }

    public string? StationId { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? RequestedBy { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public string? SuspendedByTemporaryCardId { get; init; }

    /// <summary>
    /// Permanent cards: reported lost when the temporary card standing in for it was withdrawn with
    /// reason lost. The card stays inactive for good: it can be locked, never reactivated.
    /// </summary>
    public bool Lost { get; init; }

    public IReadOnlyList<string> SuspendedCardIds { get; init; } = [];

    public IReadOnlyList<JobRecord> Jobs { get; init; } = [];

    public ExternalOrderInfo? ExternalOrder { get; init; }

    public PendingApproval? PendingApproval { get; init; }

    public string? LastReason { get; init; }

    public IReadOnlyList<string> Certificates { get; init; } = [];

    public string? EncryptedPuk { get; init; }

    public string? EncryptedManagementKey { get; init; }

    /// <summary>The PUK an unconfirmed offline unblock handed out to be set (AES-GCM); it replaces <see cref="EncryptedPuk"/> when confirmed.</summary>
    public string? EncryptedPendingPuk { get; init; }

    /// <summary>Serials of physical cards made for this card and then voided (misprinted), oldest first.</summary>
    public IReadOnlyList<string> VoidedSerials { get; init; } = [];

    /// <summary>Keys of effects this card applied (the newest 100): an effect delivered again is ignored.</summary>
    public IReadOnlyList<string> HandledEffects { get; init; } = [];

    /// <summary>Producer event ids applied (the newest 100): a callback delivered again is a duplicate.</summary>
    public IReadOnlyList<string> ProducerEventIds { get; init; } = [];

    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    /// <summary>
    /// Set only by a migration that removed something which must not stay stored (the PIN hash): the
    /// grain writes the card back when it activates, so the old row does not keep it until the next
    /// change. Never written as true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RewriteOnActivation { get; init; }

    // Derived from Jobs, so not stored: written out, the latest job was a second copy of it in every row.
    [JsonIgnore]
    public JobRecord? LatestJob => Jobs.Count == 0 ? null : Jobs[^1];

    [JsonIgnore]
    public bool HasOpenJob => LatestJob?.Job.Status is ProductionJobStatus.Pending or ProductionJobStatus.Claimed;

    public CardRecord WithOutbox(IReadOnlyList<OutboxEntry> outbox) => this with { Outbox = outbox };
}

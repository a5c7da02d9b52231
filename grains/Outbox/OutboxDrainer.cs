using CardActors.Grains.Internal;
using CardActors.Grains.Persistence;
using CardActors.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace CardActors.Grains.Outbox;

/// <summary>Drains outbox entries: the audit and search rows in one transaction, then the calls to other grains.</summary>
public sealed partial class OutboxDrainer
{
    /// <summary>Cards locked at once for a user's lock: a page of the search table.</summary>
    private const int LockPage = 100;

    private readonly OutboxWriter _writer;
    private readonly UserCards _userCards;
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;

    /// <param name="joinsStateWrites">The grain state is on the domain's SQLite file: the outbox's rows can commit with the state write (<see cref="JoinStateWrite"/>).</param>
    internal OutboxDrainer(OutboxWriter writer, UserCards userCards, IGrainFactory grains, IDomainFaultInjector faults, ILogger<OutboxDrainer> logger, bool joinsStateWrites = false)
    {
        _writer = writer;
        _userCards = userCards;
        JoinsStateWrites = joinsStateWrites;
        _grains = grains;
        _logger = logger;
        Faults = faults;
    }

    internal void DrainDeferred(GrainId grain, Exception exception) => Log.DrainDeferred(_logger, exception, grain);

    internal IDomainFaultInjector Faults { get; }

    internal bool JoinsStateWrites { get; }

    /// <summary>The entries' audit and search rows, and marking or clearing the grain's pending row, offered to the grain's next state write.</summary>
    internal SqliteStateCompanion? JoinStateWrite(GrainId grain, IReadOnlyList<OutboxEntry> entries, bool markPending, bool clearPending)
        => JoinsStateWrites ? _writer.JoinStateWrite(grain, entries, markPending, clearPending) : null;

    internal void StateWriteNotJoined(GrainId grain) => Log.StateWriteNotJoined(_logger, grain);

    internal Task MarkPendingAsync(GrainId grain) => _writer.MarkPendingAsync(grain, CancellationToken.None);

    internal Task ClearPendingAsync(GrainId grain) => _writer.ClearPendingAsync(grain, CancellationToken.None);

    /// <summary>
    /// Clears the grain's pending row without waiting for it, in one write with the rows of other
    /// grains. Only where the writes are joined: the file's one writer thread runs its writes in the
    /// order they were queued, so this delete runs before any later write of the grain, and cannot
    /// remove a pending row the grain marks again. If it is lost (a crash), the row brings the sweeper
    /// back to a grain that has nothing to do.
    /// </summary>
    internal void ClearPendingInBackground(GrainId grain)
        => _writer.ClearPendingSoon(grain)?.ContinueWith(
            (cleared, logger) => Log.PendingNotCleared((ILogger)logger!, cleared.Exception!),
            _logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    internal Task<bool> IsPendingAsync(GrainId grain) => _writer.IsPendingAsync(grain, CancellationToken.None);

    internal Task WriteAsync(GrainId grain, IReadOnlyList<OutboxEntry> entries, bool clearPending)
        => _writer.WriteAsync(grain, entries, clearPending, CancellationToken.None);

    internal async Task DeliverAsync(IReadOnlyList<OutboxEntry> entries)
    {
        foreach (var effect in entries.OrderBy(e => e.Sequence).SelectMany(e => e.Effects ?? []))
        {
            switch (effect.Kind)
            {
                case EffectKind.ReportCardToUser:
                    await _grains.GetGrain<IUserCoordinationGrain>(effect.TargetId)
                        .ReportCardAsync(new UserCardReport(effect.CardId!, effect.CardKind!.Value, effect.CardState!.Value, effect.Version));
                    break;
                case EffectKind.SuspendPermanentCard:
                    await _grains.GetGrain<ICardCoordinationGrain>(effect.TargetId).SuspendForTemporaryCardAsync(effect.Key, effect.OtherId!);
                    break;
                case EffectKind.ResumePermanentCard:
                    await _grains.GetGrain<ICardCoordinationGrain>(effect.TargetId).ResumeAfterTemporaryCardAsync(effect.Key, effect.OtherId!);
                    break;
                case EffectKind.MarkPermanentCardLost:
                    await _grains.GetGrain<ICardCoordinationGrain>(effect.TargetId).MarkLostAfterTemporaryCardAsync(effect.Key, effect.OtherId!);
                    break;
                case EffectKind.LockCardForUser:
                    await _grains.GetGrain<ICardCoordinationGrain>(effect.TargetId).LockForUserAsync(effect.Key, effect.OtherId!);
                    break;
                case EffectKind.LockCardsOfUser:
                    await LockCardsOfUserAsync(effect);
                    break;
                case EffectKind.SetCertificateStatus:
                    await _grains.GetGrain<ICertificateAuthorityGrain>(effect.TargetId)
                        .SetStatusAsync(new CertificateStatusChange(effect.CardId!, effect.Version, effect.Serials!, effect.CertificateStatus!.Value));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown effect {effect.Kind}.");
            }
        }
    }

    /// <summary>
    /// Every card whose search row names the user, by pages in card id order; each card decides whether
    /// its state can be locked, and remembers the key. A card whose row is not there yet has not told
    /// the user about itself yet either: when it does, the locked user locks it (UserGrain).
    /// </summary>
    private async Task LockCardsOfUserAsync(GrainEffect effect)
    {
        string? after = null;
        while (true)
        {
            var page = await _userCards.PageAsync(effect.TargetId, after, LockPage, CancellationToken.None);
            await Task.WhenAll(page.Select(cardId => _grains.GetGrain<ICardCoordinationGrain>(cardId).LockForUserAsync($"{effect.Key}:{cardId}", effect.TargetId)));
            if (page.Count < LockPage)
            {
                return;
            }

            after = page[^1];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1004, LogLevel.Warning, "Outbox of grain {GrainId} was committed but not drained; the sweeper will finish it")]
        public static partial void DrainDeferred(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1005, LogLevel.Warning, "The state write of grain {GrainId} did not take its outbox rows; they are written after it")]
        public static partial void StateWriteNotJoined(ILogger logger, GrainId grainId);

        [LoggerMessage(1006, LogLevel.Warning, "Pending outbox rows of drained grains were not cleared; the sweeper will visit those grains for nothing")]
        public static partial void PendingNotCleared(ILogger logger, Exception exception);
    }
}

using CardActors.Grains.Persistence;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using CardActors.Grains.StateMachines;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CardActors.Grains.Users;

/*
 * What a user keeps, and what it does not. The user's rules (one active card, one assigned temporary
 * card, one open external order, unless the use case's option allows several) need only the cards
 * that hold one of those places now, and the places reserved by use cases that have not committed
 * yet. So the state holds exactly those (UserRecord.Cards), and every report of a card that holds no
 * place is answered without a write: the cost of a card's change at its user does not grow with the
 * number of cards the user ever had. The list of all the user's cards is the card search table (one
 * row per card, written by each card's outbox), paged: GET /users/{id}/cards.
 *
 * What that costs. A report that takes a card out of its place removes the card's link, and with it
 * its version; a late report of an older version could bring the place back. So a confirmed place
 * that would refuse a reservation is checked against the card itself (PeekAsync) first, as an
 * expired reservation always was: the card's committed state is the truth, the links only a cache.
 *
 * Locking. The lock's outbox entry owes one effect, "lock the cards of the user", which the drain
 * carries out by paging the search table (OutboxDrainer), so the lock's own write is bounded too. A
 * card whose search row has not landed when that page is read is one whose report has not reached
 * this user yet either: a card's drain writes its search row before it delivers its report. So every
 * report that reaches a locked user for a card its table lets the user lock owes that card a lock
 * (ReportCardAsync). That also covers a card that passed the "user active" check just before the lock
 * and committed after it.
 */

/// <summary>
/// A user and the places their cards hold. Reentrant, because cards ask it while it may
/// be waiting for one of them (locking a user locks the cards, which report back); every change of
/// state takes <see cref="_gate"/> and no await inside the gate calls another grain that could call back.
/// </summary>
// The gate is a SemaphoreSlim whose wait handle is never asked for: it owns nothing to dispose.
#pragma warning disable CA1001
[Reentrant]
public sealed class UserGrain : Grain, IUserGrain, IUserCoordinationGrain, IOutboxGrain
{
    private readonly IPersistentState<UserRecord> _state;
    private readonly TimeProvider _time;
    private readonly OutboxCommitter<UserRecord> _outbox;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _lease;

    public UserGrain([PersistentState("user")] IPersistentState<UserRecord> state, OutboxDrainer drainer, TimeProvider time, IOptions<SiloMessagingOptions> messaging)
    {
        _state = state;
        _time = time;
        _lease = messaging.Value.ResponseTimeout;
        _outbox = new OutboxCommitter<UserRecord>(state, drainer, () => this.GetGrainId(), _gate);
    }

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Cards.Values.Any(link => !HoldsPlace(link)))
        {
            // A row stored before users kept only places: it lists every card the user ever had. Keep the places.
            await WriteAsync(_state.State with { Cards = _state.State.Cards.Where(c => HoldsPlace(c.Value)).ToDictionary(StringComparer.Ordinal) });
        }

        await _outbox.TryDrainAsync();
    }

    public Task DrainOutboxAsync() => _outbox.SweepAsync();

    public Task<UserDetails> GetAsync() => Task.FromResult(Details(Existing()));

    public async Task<UserDetails> CreateAsync(CreateUserCommand command)
    {
        var problems = new Dictionary<string, string[]>();
        if (Id.Length is 0 or > 64 || Id.Any(char.IsWhiteSpace))
        {
            problems["id"] = ["must be 1–64 characters without spaces"];
        }

        if (string.IsNullOrWhiteSpace(command.DisplayName) || command.DisplayName.Length > 200)
        {
            problems["displayName"] = ["must be 1–200 characters"];
        }

        if (command.State == UserState.Locked)
        {
            problems["state"] = ["a new user is active or inactive"];
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        await _gate.WaitAsync();
        try
        {
            if (_state.State.Exists)
            {
                throw new DomainException(ErrorCodes.UserAlreadyExists, ErrorKind.Conflict, $"User {Id} exists already.", new Dictionary<string, string> { ["userId"] = Id });
            }

            var now = _time.GetUtcNow();
            var created = _state.State with
            {
                Exists = true,
                DisplayName = command.DisplayName.Trim(),
                Email = command.Email,
                Department = command.Department,
                State = command.State,
                CreatedAt = now,
            };
            await _outbox.WriteAsync(Changed(created, UseCases.UsersProcCreate, null, now));
        }
        finally
        {
            _gate.Release();
        }

        await _outbox.TryDrainAsync();
        return Details(_state.State);
    }

    public Task<UserDetails> ActivateAsync() => TransitionAsync(UseCases.UsersProcActivate, [UserState.Inactive], UserState.Active, null);

    public Task<UserDetails> DeactivateAsync(string? reason = null) => TransitionAsync(UseCases.UsersProcDeactivate, [UserState.Active], UserState.Inactive, reason);

    public Task<UserDetails> LockAsync(string? reason = null) => TransitionAsync(UseCases.UsersProcLock, [UserState.Active, UserState.Inactive], UserState.Locked, reason);

    public Task EnsureActiveAsync()
    {
        var user = Existing();
        return user.State == UserState.Active ? Task.CompletedTask : throw NotActive(user);
    }

    public async Task<IReadOnlyList<string>> ReserveAsync(CardReservation reservation)
    {
        await _gate.WaitAsync();
        try
        {
            var user = Existing();
            if (user.State != UserState.Active)
            {
                throw NotActive(user);
            }

            var now = _time.GetUtcNow();
            if (!reservation.AllowSeveral)
            {
                foreach (var (cardId, link) in user.Cards.Where(c => c.Key != reservation.CardId && Counts(reservation.For, c.Value)).ToList())
                {
                    // A place another card reserved is held while its use case may still commit: the
                    // card's own state says nothing until then (asking it in that gap let two cards in).
                    // One whose card never confirmed it within the lease (a use case that died without
                    // releasing it), or a confirmed one (a late report may have brought back a place the
                    // card left, see the top of this file), is checked against the card itself.
                    var leaseOver = !link.Reserved || !(link.ReservedUntil > now);
                    var actual = leaseOver ? await GrainFactory.GetGrain<ICardCoordinationGrain>(cardId).PeekAsync() : null;
                    var current = actual is null ? null : new CardLinkRecord(actual.Kind, actual.State, actual.Version, false);
                    if (leaseOver && (current is null || !Counts(reservation.For, current)))
                    {
                        user = user with { Cards = With(user.Cards, cardId, current is not null && HoldsPlace(current) ? current : null) };
                        continue;
                    }

                    throw Limit(reservation.For, cardId);
                }
            }

            var held = reservation.For switch
            {
                ReservationKind.ActiveCard => CardState.Active,
                ReservationKind.AssignedTemporaryCard => CardState.Assigned,
                _ => CardState.Ordered,
            };
            // The reservation's version is the card's as it reserves: reports up to it are older than the commit that confirms the place.
            var version = Math.Max(user.Cards.TryGetValue(reservation.CardId, out var existing) ? existing.Version : 0, reservation.CardVersion);
            await WriteAsync(user with { Cards = With(user.Cards, reservation.CardId, new CardLinkRecord(reservation.Kind, held, version, true, now + _lease)) });
            return [.. _state.State.Cards.Where(c => c.Key != reservation.CardId && c.Value is { Kind: CardKind.Permanent, State: CardState.Active }).Select(c => c.Key)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReportCardAsync(UserCardReport report)
    {
        bool owesLock;
        await _gate.WaitAsync();
        try
        {
            var user = _state.State;
            var held = user.Cards.TryGetValue(report.CardId, out var known);
            if (held && known!.Version >= report.Version)
            {
                return;
            }

            var link = Confirmed(report);
            owesLock = user.State == UserState.Locked && LockableForUser(report);
            if (!held && link is null && !owesLock)
            {
                // The common case: a card that holds no place changed. Nothing of it is kept here.
                return;
            }

            var next = held || link is not null ? user with { Cards = With(user.Cards, report.CardId, link) } : user;
            if (!owesLock)
            {
                await WriteAsync(next);
                return;
            }

            // A card of a locked user that is not locked: it committed after the lock's drain read the search table (top of this file).
            var version = next.Version + 1;
            var effect = new GrainEffect(EffectKind.LockCardForUser, $"{this.GetGrainId()}:{version}:{report.CardId}", report.CardId, OtherId: Id);
            await _outbox.WriteAsync(next with { Version = version, Outbox = [.. next.Outbox, new OutboxEntry(version, null, null, null, [effect])] });
        }
        finally
        {
            _gate.Release();
        }

        if (owesLock)
        {
            // The card that reported waits for this answer, and the lock is a call to that card: deliver it after answering.
            _ = DrainAfterAnswerAsync();
        }
    }

    private async Task DrainAfterAnswerAsync()
    {
        await Task.Yield();

        // The late lock is the system's doing (the officer's lock is on the user's audit row), not that of whoever changed the card.
        DomainRequestContext.SetOperator(DomainRequestContext.SystemOperator);
        await _outbox.TryDrainAsync();
    }

    public async Task ReleaseAsync(string cardId, UserCardReport? actual)
    {
        await _gate.WaitAsync();
        try
        {
            var cards = _state.State.Cards;
            if (!cards.TryGetValue(cardId, out var known) || !known.Reserved)
            {
                return;
            }

            await WriteAsync(_state.State with { Cards = With(cards, cardId, actual is null ? null : Confirmed(actual)) });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The link a card's report makes: only a card that holds one of the user's places is kept.</summary>
    private static CardLinkRecord? Confirmed(UserCardReport report)
    {
        var link = new CardLinkRecord(report.Kind, report.State, report.Version, false);
        return HoldsPlace(link) ? link : null;
    }

    /// <summary>Whether the user's lock takes a card in the reported state: the card's own check (LockForUserAsync), so no lock is owed that the card would ignore.</summary>
    private static bool LockableForUser(UserCardReport report)
        => CardStateTables.For(report.Kind).Allows(report.Kind == CardKind.Permanent ? UseCases.UsersProcLock : UseCases.TempCardsProcLock, report.State);

    private async Task<UserDetails> TransitionAsync(string useCase, UserState[] from, UserState to, string? reason)
    {
        await _gate.WaitAsync();
        try
        {
            var user = Existing();
            if (!from.Contains(user.State))
            {
                throw new DomainException(
                    ErrorCodes.UserInvalidTransition,
                    ErrorKind.Conflict,
                    $"User {Id} is {user.State.ToString().ToLowerInvariant()}: {useCase} does not apply in that state.",
                    new Dictionary<string, string> { ["userId"] = Id, ["currentState"] = user.State.ToString().ToLowerInvariant(), ["useCase"] = useCase });
            }

            var now = _time.GetUtcNow();
            IReadOnlyList<GrainEffect>? effects = null;
            if (to == UserState.Locked)
            {
                // The drain pages the user's cards from the search table (one effect, whatever their number); the cards
                // holding a place are named too, since a card's use case may have confirmed its place (ReleaseAsync)
                // before its search row landed. Each card decides whether its state can be locked.
                var key = $"{this.GetGrainId()}:{user.Version + 1}";
                effects = [new GrainEffect(EffectKind.LockCardsOfUser, key, Id, OtherId: Id),
                    .. user.Cards.Keys.Order(StringComparer.Ordinal).Select(cardId => new GrainEffect(EffectKind.LockCardForUser, $"{key}:{cardId}", cardId, OtherId: Id))];
            }

            await _outbox.WriteAsync(Changed(user with { State = to }, useCase, reason, now, user.State, effects));
        }
        finally
        {
            _gate.Release();
        }

        // Outside the gate: the cards being locked report back to this grain.
        await _outbox.TryDrainAsync();
        return Details(_state.State);
    }

    /// <summary>A write of bookkeeping without an outbox entry; on failure the grain keeps the state it had (see OutboxCommitter.WriteAsync).</summary>
    private Task WriteAsync(UserRecord next) => _state.WriteOrKeepAsync(next);

    private UserRecord Changed(UserRecord next, string useCase, string? reason, DateTimeOffset now, UserState? from = null, IReadOnlyList<GrainEffect>? effects = null)
    {
        next = next with { Version = next.Version + 1, UpdatedAt = now };
        var audit = AuditContext.Record(now, useCase, "user", Id, null, Id, from?.ToString().ToLowerInvariant(), next.State.ToString().ToLowerInvariant(),
            reason is null ? null : new { reason });
        var summary = new UserSummary(Id, next.DisplayName, next.Email, next.Department, next.State, next.Version, now);
        return next with { Outbox = [.. next.Outbox, new OutboxEntry(next.Version, audit, null, summary, effects)] };
    }

    private UserRecord Existing()
        => _state.State.Exists
            ? _state.State
            : throw new DomainException(ErrorCodes.UserNotFound, ErrorKind.NotFound, $"User {Id} does not exist.", new Dictionary<string, string> { ["userId"] = Id });

    private DomainException NotActive(UserRecord user)
        => new(ErrorCodes.UserNotActive, ErrorKind.Conflict, $"User {Id} is {user.State.ToString().ToLowerInvariant()}, not active.",
            new Dictionary<string, string> { ["userId"] = Id, ["userState"] = user.State.ToString().ToLowerInvariant() });

    private DomainException Limit(ReservationKind kind, string otherCardId)
    {
        var (code, what) = kind switch
        {
            ReservationKind.ActiveCard => (ErrorCodes.UserHasActiveCard, "an active card"),
            ReservationKind.AssignedTemporaryCard => (ErrorCodes.UserHasTemporaryCard, "an assigned temporary card"),
            _ => (ErrorCodes.UserHasExternalOrder, "an open external order"),
        };
        return new DomainException(code, ErrorKind.Conflict, $"User {Id} has {what} already ({otherCardId}) and the option for several is off.",
            new Dictionary<string, string> { ["userId"] = Id, ["cardId"] = otherCardId });
    }

    private static bool Counts(ReservationKind kind, CardLinkRecord link) => kind switch
    {
        ReservationKind.ActiveCard => link is { Kind: CardKind.Permanent, State: CardState.Active },
        ReservationKind.AssignedTemporaryCard => link is { Kind: CardKind.Temporary, State: CardState.Assigned },
        _ => link.State is CardState.Processing or CardState.Ordered or CardState.InProduction,
    };

    /// <summary>A link worth keeping: a place reserved, or a card in a state one of the per-user rules counts.</summary>
    private static bool HoldsPlace(CardLinkRecord link)
        => link.Reserved || Counts(ReservationKind.ActiveCard, link) || Counts(ReservationKind.AssignedTemporaryCard, link) || Counts(ReservationKind.ExternalOrder, link);

    private static Dictionary<string, CardLinkRecord> With(IReadOnlyDictionary<string, CardLinkRecord> cards, string cardId, CardLinkRecord? link)
    {
        var copy = new Dictionary<string, CardLinkRecord>(cards, StringComparer.Ordinal);
        if (link is null)
        {
            copy.Remove(cardId);
        }
        else
        {
            copy[cardId] = link;
        }

        return copy;
    }

    private UserDetails Details(UserRecord user) => new(
        Id, user.DisplayName, user.Email, user.Department, user.State, user.Version, user.CreatedAt, user.UpdatedAt,
        [.. user.Cards.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new UserCardLink(c.Key, c.Value.Kind, c.Value.State))]);
}
#pragma warning restore CA1001

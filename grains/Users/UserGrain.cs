using CardActors.Grains.Persistence;
using CardActors.Grains.Internal;
using CardActors.Grains.Outbox;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CardActors.Grains.Users;

/// <summary>
/// A user and the bookkeeping of their cards' states. Reentrant, because cards ask it while it may
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

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _outbox.TryDrainAsync();

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
                    // releasing it) must not block forever: ask the card what it really is.
                    var leaseOver = link.Reserved && !(link.ReservedUntil > now);
                    var actual = leaseOver ? await GrainFactory.GetGrain<ICardCoordinationGrain>(cardId).PeekAsync() : null;
                    if (leaseOver && (actual is null || !Counts(reservation.For, new CardLinkRecord(actual.Kind, actual.State, actual.Version, false))))
                    {
                        user = user with { Cards = With(user.Cards, cardId, actual is null ? null : new CardLinkRecord(actual.Kind, actual.State, actual.Version, false)) };
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
        await _gate.WaitAsync();
        try
        {
            var cards = _state.State.Cards;
            if (cards.TryGetValue(report.CardId, out var known) && known.Version >= report.Version)
            {
                return;
            }

            await WriteAsync(_state.State with { Cards = With(cards, report.CardId, Confirmed(report)) });
        }
        finally
        {
            _gate.Release();
        }
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

    /// <summary>The link a card's report makes; temporary cards belong to the user only while assigned (or expired, until withdrawn).</summary>
    private static CardLinkRecord? Confirmed(UserCardReport report)
        => report.Kind == CardKind.Permanent || report.State is CardState.Assigned or CardState.Expired
            ? new CardLinkRecord(report.Kind, report.State, report.Version, false)
            : null;

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
                // Every card that ever reported to this user; each one decides whether its state can be locked.
                effects = [.. user.Cards.Keys.Order(StringComparer.Ordinal).Select((cardId, i) =>
                    new GrainEffect(EffectKind.LockCardForUser, $"{this.GetGrainId()}:{user.Version + 1}:{i}", cardId, OtherId: Id))];
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

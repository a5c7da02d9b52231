using CardActors.Grains.ClusterSecurity;

namespace CardActors.Grains.Cards;

/// <summary>
/// The checks of a command that need nothing but the command (and the clock or the caller): they
/// run before the card is even looked at, so a malformed command is a <c>validation.failed</c>
/// whatever the card's state.
/// </summary>
internal static class CardCommandChecks
{
    /// <summary>
    /// The station a job call acts for: <paramref name="stationId"/>, which must be the proven
    /// station's when a station signed the call (<see cref="ProvenCaller"/>, set by the silo's caller
    /// identity filter): <c>station.identity-mismatch</c> otherwise. Calls from API hosts (which
    /// authenticated the station by its API key) and from inside the cluster name the station themselves.
    /// </summary>
    public static string EnsureActingStation(string stationId)
    {
        EnsureGiven(stationId, "stationId", "required");
        if (ProvenCaller.Current is { Role: ClusterRole.Station } proven && !string.Equals(proven.Name, stationId, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.StationIdentityMismatch, ErrorKind.Forbidden, $"This call was signed by station {proven.Name}; it cannot act as station {stationId}.",
                new Dictionary<string, string> { ["stationId"] = stationId, ["provenStationId"] = proven.Name });
        }

        return stationId;
    }

    /// <summary>The fields a use case that brings a card into being needs: the user (permanent cards and external orders) and the card type.</summary>
    public static void EnsureCreatable(bool needsUser, string? userId, string? cardType)
    {
        var problems = new Dictionary<string, string[]>();
        if (needsUser && string.IsNullOrWhiteSpace(userId))
        {
            problems["userId"] = ["required"];
        }

        if (string.IsNullOrWhiteSpace(cardType))
        {
            problems["cardType"] = ["required"];
        }

        ThrowIfAny(problems);
    }

    /// <summary>Issuing a card that does not exist yet issues it straight to a user: both the user and the card type are needed.</summary>
    public static void EnsureIssuableAsNew(IssueCardCommand command)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.UserId))
        {
            problems["userId"] = ["required to issue a new card straight to a user"];
        }

        if (string.IsNullOrWhiteSpace(command.CardType))
        {
            problems["cardType"] = ["required to issue a new card straight to a user"];
        }

        ThrowIfAny(problems);
    }

    /// <summary>An existing card is issued to its own user and type: a command naming others is a mistake, not a transfer.</summary>
    public static void EnsureIssuableAsExisting(IssueCardCommand command, CardRecord card)
    {
        if ((command.UserId is not null && command.UserId != card.UserId) || (command.CardType is not null && command.CardType != card.CardType))
        {
            throw new ValidationFailedException("userId", "an existing card is issued to its own user and card type; leave userId and cardType empty");
        }
    }

    /// <summary>
    /// The new validity end of an extension: the one asked for, or the configured validity from now;
    /// never beyond that, since it must match the certificates' validity (a second of slack for the
    /// caller's clock).
    /// </summary>
    public static DateTimeOffset ExtendedUntil(DateTimeOffset? requested, DateTimeOffset now, TimeSpan validity)
    {
        var validUntil = requested ?? now + validity;
        return validUntil <= now || validUntil > now + validity + TimeSpan.FromSeconds(1)
            ? throw new ValidationFailedException("validUntil", $"must be in the future and at most {validity} from now")
            : validUntil;
    }

    public static void EnsureDefined(WithdrawReason reason)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ValidationFailedException("reason", "must be Lost or NoLongerNeeded");
        }
    }

    public static void EnsureGiven(string? value, string field, string problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationFailedException(field, problem);
        }
    }

    /// <summary>
    /// Four-eyes: the operator who approves (or rejects) must be named, and must not be
    /// <paramref name="requestedBy"/>. An anonymous caller cannot approve.
    /// </summary>
    public static string Approver(string cardId, string? requestedBy)
    {
        var approver = NamedOperator();
        return string.Equals(approver, requestedBy, StringComparison.Ordinal) ? throw DomainErrors.SamePerson(cardId, approver) : approver;
    }

    /// <summary>The operator of the call; four-eyes needs to know who, so the system operator does not count.</summary>
    public static string NamedOperator()
        => DomainRequestContext.Operator is { Length: > 0 } op && op != DomainRequestContext.SystemOperator
            ? op
            : throw new ValidationFailedException("operator", $"set {DomainRequestContext.OperatorKey} in the request context");

    private static void ThrowIfAny(Dictionary<string, string[]> problems)
    {
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }
}

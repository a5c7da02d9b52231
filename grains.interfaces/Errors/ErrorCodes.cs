namespace CardActors.Grains;

/// <summary>The stable codes of <see cref="DomainException.Code"/>; the API maps them to RFC 9457 problem types.</summary>
public static class ErrorCodes
{
    /// <summary>The use case does not apply in the card's current state (Values: currentState, useCase).</summary>
    public const string InvalidTransition = "card.invalid-transition";

    /// <summary>The use case is not enabled for the card type (Values: useCase, cardType).</summary>
    public const string UseCaseDisabled = "usecase.disabled";

    /// <summary>The user use case does not apply in the user's current state (Values: currentState, useCase).</summary>
    public const string UserInvalidTransition = "user.invalid-transition";

    public const string UserNotActive = "user.not-active";

    /// <summary>An amount outside 1–9 (temporary cards) or an empty / too large batch (Values: min, max, actual).</summary>
    public const string AmountOutOfRange = "amount.out-of-range";

    /// <summary>A malformed command; <see cref="ValidationFailedException.Fields"/> names the fields.</summary>
    public const string ValidationFailed = "validation.failed";

    public const string CardNotFound = "card.not-found";
    public const string UserNotFound = "user.not-found";
    public const string BatchNotFound = "batch.not-found";
    public const string JobNotFound = "job.not-found";
    public const string CardTypeNotFound = "cardtype.not-found";
    public const string StationNotFound = "station.not-found";
    public const string LineNotFound = "line.not-found";

    /// <summary>
    /// The station does not hold the job it names (it was never assigned there, or it went to another
    /// station when this one's lease lapsed) (Values: stationId, jobId, currentJobId).
    /// </summary>
    public const string JobNotAssigned = "job.not-assigned";

    /// <summary>A card id that names a card of the other kind (a temporary card used as permanent, or back).</summary>
    public const string CardWrongKind = "card.wrong-kind";

    /// <summary>
    /// Issue card straight to a user while Request card is enabled for the card type: the card must be
    /// requested (and approved, with the approval step) first (Values: cardType, useCase).
    /// </summary>
    public const string RequestRequired = "usecase.request-required";

    /// <summary>Four-eyes: the approver is the requester.</summary>
    public const string ApprovalSamePerson = "approval.same-person";

    /// <summary>A use case with an approval step is waiting for its approver; or nothing is waiting.</summary>
    public const string ApprovalPending = "approval.pending";
    public const string ApprovalNotPending = "approval.not-pending";

    public const string CardAlreadyExists = "conflict.card-exists";
    public const string UserAlreadyExists = "conflict.user-exists";
    public const string BatchAlreadyExists = "conflict.batch-exists";

    /// <summary>The user already has an active card and the option for several is off.</summary>
    public const string UserHasActiveCard = "conflict.active-card-exists";

    /// <summary>The user already has an assigned temporary card and the option for several is off.</summary>
    public const string UserHasTemporaryCard = "conflict.temporary-card-assigned";

    /// <summary>The user already has an open external order and the option for several is off.</summary>
    public const string UserHasExternalOrder = "conflict.external-order-exists";

    /// <summary>The card's production job is still open: complete it first.</summary>
    public const string ProductionInProgress = "conflict.production-in-progress";

    /// <summary>
    /// The job is assigned to, or claimed by, another station: only that station may claim it, claim it
    /// again or report its result (Values: jobId, stationId, jobStationId).
    /// </summary>
    public const string JobOtherStation = "job.other-station";

    /// <summary>The job is not in a state that allows this step (claim a finished job, complete an unclaimed one).</summary>
    public const string JobStateConflict = "conflict.job-state";

    /// <summary>
    /// The job was cancelled: the card left the job's use case (withdrawn, locked, expired, aborted)
    /// before it was done. A claim or result for it changes nothing (Values: jobId, reason).
    /// </summary>
    public const string JobCancelled = "job.cancelled";

    /// <summary>The batch order still has open jobs, or is already completed.</summary>
    public const string BatchStateConflict = "conflict.batch-state";

    /// <summary>Configuration changed since the version the admin read (Values: expectedVersion, currentVersion).</summary>
    public const string ConfigurationVersionConflict = "conflict.config-version";

    /// <summary>
    /// The permanent card is inactive because a temporary card assigned to its user stands in for it:
    /// it comes back when that temporary card is withdrawn as no longer needed (Values: temporaryCardId).
    /// </summary>
    public const string CardSuspended = "card.suspended";

    /// <summary>The permanent card was reported lost (its temporary card withdrawn with reason lost): it stays inactive and can only be locked.</summary>
    public const string CardLost = "card.lost";

    /// <summary>The card keeps no PUK (it was never encoded, or was wiped): its PIN cannot be unblocked remotely.</summary>
    public const string CardHasNoPuk = "conflict.no-puk";

    /// <summary>A producer status callback whose signature does not verify.</summary>
    public const string ProducerUnauthorized = "producer.unauthorized";

    /// <summary>The external producer could not be reached; nothing changed.</summary>
    public const string ProducerUnavailable = "producer.unavailable";
    public const string StorageUnavailable = "storage.unavailable";

    /// <summary>
    /// A cluster client's call proved no member identity: no proof where the cluster requires one, a
    /// certificate that is not the cluster CA's, revoked, or a signature that does not verify, or a
    /// proof too old or from the future (Values: reason).
    /// </summary>
    public const string CallerUnauthenticated = "caller.unauthenticated";

    /// <summary>The same signed call was received again (Values: nonce).</summary>
    public const string CallerReplayed = "caller.replayed";

    /// <summary>A member called what its role may not call, e.g. a station any grain but its jobs' (Values: role, name, interface).</summary>
    public const string CallerForbidden = "caller.forbidden";

    /// <summary>A station's call names another station than the one its certificate proves (Values: stationId, provenStationId).</summary>
    public const string StationIdentityMismatch = "station.identity-mismatch";
}

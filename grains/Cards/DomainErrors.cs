using System.Globalization;

namespace CardActors.Grains.Cards;

internal static class DomainErrors
{
    public static DomainException CardNotFound(string cardId)
        => new(ErrorCodes.CardNotFound, ErrorKind.NotFound, $"Card {cardId} does not exist.", Data("cardId", cardId));

    public static DomainException WrongKind(string cardId, CardKind actual)
        => new(ErrorCodes.CardWrongKind, ErrorKind.Conflict, $"Card {cardId} is a {actual.ToString().ToLowerInvariant()} card.", Data("cardId", cardId, "kind", actual.ToString()));

    public static DomainException CardTypeNotFound(string cardType)
        => new(ErrorCodes.CardTypeNotFound, ErrorKind.NotFound, $"Card type {cardType} does not exist.", Data("cardType", cardType));

    public static DomainException Disabled(string useCase, string cardType)
        => new(ErrorCodes.UseCaseDisabled, ErrorKind.Forbidden, $"{useCase} is not enabled for card type {cardType}.", Data("useCase", useCase, "cardType", cardType));

    public static DomainException SamePerson(string cardId, string who)
        => new(ErrorCodes.ApprovalSamePerson, ErrorKind.Forbidden, $"{who} requested this on card {cardId} and cannot also approve or reject it (four-eyes).", Data("cardId", cardId, "operator", who));

    public static DomainException ProductionInProgress(string cardId, string jobId)
        => new(ErrorCodes.ProductionInProgress, ErrorKind.Conflict, $"Card {cardId} has production job {jobId} open.", Data("cardId", cardId, "jobId", jobId));

    public static DomainException JobNotFound(string cardId, string jobId)
        => new(ErrorCodes.JobNotFound, ErrorKind.NotFound, $"Card {cardId} has no job {jobId}.", Data("cardId", cardId, "jobId", jobId));

    public static DomainException JobState(string jobId, ProductionJobStatus status, string step)
        => new(ErrorCodes.JobStateConflict, ErrorKind.Conflict, $"Job {jobId} is {status.ToString().ToLowerInvariant()}: it cannot be {step}.", Data("jobId", jobId, "jobStatus", status.ToString()));

    /// <summary>A claim or result for a job cancelled because its card left the job's use case.</summary>
    public static DomainException JobCancelled(ProductionJob job)
        => new(ErrorCodes.JobCancelled, ErrorKind.Conflict, $"Job {job.JobId} was cancelled ({job.FailureReason}): card {job.CardId} left its use case, so nothing it made counts.",
            Data("jobId", job.JobId, "cardId", job.CardId, "reason", job.FailureReason ?? ""));

    public static DomainException OtherStation(string jobId, string stationId, string jobStationId)
        => new(ErrorCodes.JobOtherStation, ErrorKind.Forbidden, $"Job {jobId} belongs to station {jobStationId}, not to {stationId}.",
            Data("jobId", jobId, "stationId", stationId, "jobStationId", jobStationId));

    public static DomainException ApprovalNotPending(string cardId)
        => new(ErrorCodes.ApprovalNotPending, ErrorKind.Conflict, $"Card {cardId} has nothing waiting for approval.", Data("cardId", cardId));

    /// <summary>Repeat production of a misprinted card whose current physical card another job made (or none).</summary>
    public static DomainException NotMadeByBatch(string cardId, string batchId, string? jobId)
        => new(ErrorCodes.JobStateConflict, ErrorKind.Conflict, $"Card {cardId}'s current physical card was not made by batch {batchId}{(jobId is null ? "" : $" (latest job: {jobId})")}: it cannot be voided as misprinted there.",
            Data("cardId", cardId, "batchId", batchId, "jobId", jobId ?? ""));

    public static DomainException ProducerUnavailable(string cardId, Exception exception)
        => new(ErrorCodes.ProducerUnavailable, ErrorKind.Unavailable, $"The external producer did not accept the order of card {cardId}: {exception.Message}", Data("cardId", cardId));

    /// <summary><c>amount.out-of-range</c> for an amount outside 1–<paramref name="max"/>.</summary>
    public static DomainException AmountOutOfRange(int max, int actual, string message)
        => new(ErrorCodes.AmountOutOfRange, ErrorKind.Validation, message,
            Data("min", "1", "max", max.ToString(CultureInfo.InvariantCulture), "actual", actual.ToString(CultureInfo.InvariantCulture)));

    public static Dictionary<string, string> Data(params string[] pairs)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            data[pairs[i]] = pairs[i + 1];
        }

        return data;
    }
}

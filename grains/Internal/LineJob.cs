namespace CardActors.Grains.Internal;

/// <summary>A job waiting in a line's queue, with what the line matches against a station's capabilities.</summary>
/// <param name="Application">The card application of the job's profile (e.g. "PIV"): a station encodes it if it lists it.</param>
/// <param name="AssignedStation">The station the card says holds the job (after a crash the job goes back to it, and nowhere else).</param>
/// <param name="NotStation">The station that lost the job: another one gets it first.</param>
[GenerateSerializer, Immutable, Alias("CardActors.LineJob")]
public sealed record LineJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] string CardId,
    [property: Id(2)] string? BatchId,
    [property: Id(3)] string CardType,
    [property: Id(4)] string Application,
    [property: Id(5)] string? AssignedStation = null,
    [property: Id(6)] string? NotStation = null)
{
    public static LineJob Of(ProductionJob job) => new(job.JobId, job.CardId, job.BatchId, job.CardType, job.Profile.Application, job.StationId);
}

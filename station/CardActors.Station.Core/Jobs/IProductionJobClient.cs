using CardActors.Station.Personalization;

namespace CardActors.Station.Jobs;

/// <summary>
/// How the station takes jobs and reports results: over HTTP today
/// (<see cref="HttpProductionJobClient"/>), through the cluster client later.
/// </summary>
public interface IProductionJobClient
{
    /// <summary>Claims the job and returns its work order with freshly generated secrets.</summary>
    Task<WorkOrder> ClaimAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Reports the job's result; reporting the same result again is harmless.</summary>
    Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken);
}

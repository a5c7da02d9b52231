using System.Collections.Concurrent;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;

namespace CardActors.Station.Tests.Support;

/// <summary>The job service as the station sees it, kept in memory: work orders to hand out, reports received.</summary>
internal sealed class InMemoryJobClient(params WorkOrder[] orders) : IProductionJobClient
{
    public ConcurrentDictionary<string, JobReport> Reports { get; } = new();

    public Task<WorkOrder> ClaimAsync(string jobId, CancellationToken cancellationToken)
        => Task.FromResult(orders.FirstOrDefault(o => o.JobId == jobId) ?? throw new ProductionJobException($"job {jobId} not found"));

    public Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
    {
        Reports[jobId] = report;
        return Task.CompletedTask;
    }
}

namespace CardActors.Station.Jobs;

/// <summary>
/// The parts of the API's claim answer (ProductionWork, camelCase JSON) the station reads. The
/// station mirrors the contract instead of referencing the grain interfaces, so it does not
/// depend on the cluster's assemblies.
/// </summary>
internal sealed record ClaimResponse(ClaimedJob? Job, string? Pin, string? Puk, string? ManagementKey);

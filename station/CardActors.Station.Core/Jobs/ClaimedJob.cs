namespace CardActors.Station.Jobs;

/// <summary>The job part of a claim answer (ProductionJob).</summary>
internal sealed record ClaimedJob(string JobId, string CardId, bool Encode, ClaimedProfile? Profile);

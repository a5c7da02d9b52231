using CardActors.Station.Personalization;

namespace CardActors.Station.Jobs;

/// <summary>What the station shows an operator: one line per event, the personalization's progress, each job's end.</summary>
public interface IStationObserver
{
    void Line(string jobId, string message);

    void Progress(string jobId, PersonalizationProgress progress);

    void Finished(string jobId, JobReport report);
}

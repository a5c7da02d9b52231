using System.Collections.Concurrent;
using CardActors.Station.Jobs;
using CardActors.Station.Personalization;

namespace CardActors.Station.Tests.Support;

/// <summary>Collects what the station would show, and lets a test wait for a line.</summary>
internal sealed class RecordingObserver : IStationObserver
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public event Action<PersonalizationProgress>? OnProgress;

    public void Line(string jobId, string message) => Lines.Enqueue(message);

    public void Progress(string jobId, PersonalizationProgress progress)
    {
        Lines.Enqueue(progress.Message);
        OnProgress?.Invoke(progress);
    }

    public void Finished(string jobId, JobReport report) => Lines.Enqueue(report.Succeeded ? $"done {report.CardSerial}" : $"failed {report.FailureReason}");
}

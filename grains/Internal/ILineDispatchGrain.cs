namespace CardActors.Grains.Internal;

/// <summary>
/// The line's side of dispatch, for stations and batch orders. The calls a station makes are one-way:
/// the line calls stations one-way too, so neither ever waits for the other and no call cycle can
/// block either. Not for the API.
/// </summary>
[Alias("CardActors.ILineDispatchGrain")]
public interface ILineDispatchGrain : IGrainWithStringKey
{
    /// <summary>The station belongs to the line from now on (stored).</summary>
    [Alias("JoinAsync")]
    Task JoinAsync(LineStation station);

    /// <summary>The station was registered to another line (stored).</summary>
    [Alias("LeaveAsync")]
    Task LeaveAsync(string stationId);

    /// <summary>The batch's jobs run on this line until it is completed: a line that restarts asks it for its open jobs again (stored).</summary>
    [Alias("OpenBatchAsync")]
    Task OpenBatchAsync(string batchId);

    [Alias("CloseBatchAsync")]
    Task CloseBatchAsync(string batchId);

    /// <summary>Jobs to hand out; a job the line holds already is not queued twice.</summary>
    [Alias("EnqueueAsync")]
    Task EnqueueAsync(IReadOnlyList<LineJob> jobs);

    /// <summary>The station is online and holds no job.</summary>
    [OneWay]
    [Alias("StationReadyAsync")]
    Task StationReadyAsync(string stationId);

    /// <summary>The station went offline, or is busy: no job is offered to it until it is ready again.</summary>
    [OneWay]
    [Alias("StationUnavailableAsync")]
    Task StationUnavailableAsync(string stationId);

    /// <summary>A job a station could not take, or lost: back into the queue.</summary>
    [OneWay]
    [Alias("RequeueAsync")]
    Task RequeueAsync(LineJob job);
}

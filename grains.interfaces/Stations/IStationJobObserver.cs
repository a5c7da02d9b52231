namespace CardActors.Grains;

/// <summary>
/// A station process's subscription (<see cref="IStationGrain.HeartbeatAsync"/>): the station grain
/// pushes the job it was given the moment it has it. One-way: a lost push is repeated on the next
/// heartbeat while the job is still the station's, and a job that is never claimed goes to another
/// station when its lease lapses.
/// </summary>
[Alias("CardActors.IStationJobObserver")]
public interface IStationJobObserver : IGrainObserver
{
    [OneWay]
    [Alias("JobAssigned")]
    Task JobAssigned(StationJob job);
}

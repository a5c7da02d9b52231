namespace CardActors.Storage.Tests.Grains;

/// <summary>A grain that keeps a counter in grain storage and counts the ticks of a reminder.</summary>
[Alias("storage-tests.IStorageTestGrain")]
public interface IStorageTestGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task<int> Add(int amount);

    [Alias("Get")]
    Task<int> Get();

    [Alias("StartTicking")]
    Task StartTicking();

    [Alias("Ticks")]
    Task<int> Ticks();

    [Alias("Ping")]
    Task<int> Ping();

    [Alias("Deactivate")]
    Task Deactivate();
}

namespace CardActors.Runtime;

/// <summary>A persistent state the activation reads before OnActivateAsync.</summary>
internal interface IGrainStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

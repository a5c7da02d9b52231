namespace CardActors.Grains.Internal;

/// <summary>What a line asks of a batch order it runs. Not for the API.</summary>
[Alias("CardActors.IBatchDispatchGrain")]
public interface IBatchDispatchGrain : IGrainWithStringKey
{
    /// <summary>The line lost its queue (it was activated again): the batch hands it its open jobs again, as the cards have them.</summary>
    [OneWay]
    [Alias("ResubmitAsync")]
    Task ResubmitAsync();
}

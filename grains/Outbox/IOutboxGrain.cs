
namespace CardActors.Grains.Outbox;

/// <summary>Implemented by every grain with an outbox: the sweeper calls it for grains whose outbox a crash left undrained (or whose pending row a failed write left behind).</summary>
[Alias("CardActors.IOutboxGrain")]
public interface IOutboxGrain : IGrainWithStringKey
{
    [Alias("DrainOutboxAsync")]
    Task DrainOutboxAsync();
}

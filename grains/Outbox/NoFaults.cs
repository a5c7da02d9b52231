
namespace CardActors.Grains.Outbox;

internal sealed class NoFaults : IDomainFaultInjector
{
    public void AfterStateWrite(GrainId grainId)
    {
    }
}


namespace CardActors.Grains.Outbox;

/// <summary>
/// A seam for crash tests: called after a grain's state write and before its outbox is drained
/// into the audit and search tables. Throwing here leaves exactly the state a crash would.
/// </summary>
public interface IDomainFaultInjector
{
    void AfterStateWrite(GrainId grainId);
}

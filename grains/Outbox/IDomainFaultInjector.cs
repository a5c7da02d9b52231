
namespace CardActors.Grains.Outbox;

/// <summary>
/// A seam for crash tests: called after a grain's state write and before its outbox is drained
/// into the audit and search tables. Throwing here leaves exactly the state a crash would.
/// </summary>
public interface IDomainFaultInjector
{
    void AfterStateWrite(GrainId grainId);

    /// <summary>
    /// Whether <see cref="AfterStateWrite"/> will throw for the grain's next write. On SQLite the audit
    /// and search rows normally commit with the state itself, leaving no moment between the two; for
    /// such a write they are written after it, as on PostgreSQL, so that the crash falls between them.
    /// </summary>
    bool CrashesAfterStateWrite(GrainId grainId) => false;
}

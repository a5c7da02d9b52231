namespace CardActors.Runtime;

public enum DeactivationReason
{
    /// <summary>The grain asked for it with DeactivateOnIdle.</summary>
    Requested,

    /// <summary>The activation was idle for longer than the collection age.</summary>
    IdleCollection,

    /// <summary>A state write found a newer record: this activation's state is stale.</summary>
    InconsistentState,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,
}

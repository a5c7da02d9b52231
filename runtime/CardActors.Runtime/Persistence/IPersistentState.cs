namespace CardActors.Runtime;

/// <summary>
/// A named piece of durable grain state, injected into a grain's constructor with
/// <see cref="PersistentStateAttribute"/>. It is read before <c>OnActivateAsync</c> runs.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The version of the stored record this activation last read or wrote; null if none.</summary>
    string? ETag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <see cref="State"/>; throws <see cref="InconsistentStateException"/> if the stored ETag
    /// moved. When the write fails for any reason the activation is deactivated once its current
    /// turns end, so that no later call is served from state the storage does not hold.
    /// </summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored record and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

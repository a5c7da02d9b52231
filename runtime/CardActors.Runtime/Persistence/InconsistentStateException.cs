namespace CardActors.Runtime;

/// <summary>
/// A state write or clear carried an ETag that no longer matches the stored one: another
/// activation (or an operator) changed the record. The runtime deactivates the activation that
/// got it, so the next call reads the current state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message) : base(message) { }

    public InconsistentStateException() { }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException) { }
}

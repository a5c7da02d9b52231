namespace CardActors.Station.Unblock;

/// <summary>The unblock stopped: what happened, in one line for the operator.</summary>
public sealed class PinUnblockException : Exception
{
    public PinUnblockException()
    {
    }

    public PinUnblockException(string message)
        : base(message)
    {
    }

    public PinUnblockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

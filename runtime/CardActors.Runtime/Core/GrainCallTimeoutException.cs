namespace CardActors.Runtime;

/// <summary>A grain call got no response within the response timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException(GrainId grainId, string method, TimeSpan timeout)
        : base($"Call to {method} on grain {grainId} got no response within {timeout.TotalSeconds:0.###} s.")
    {
        GrainId = grainId;
        Method = method;
    }

    public GrainCallTimeoutException() { }

    public GrainCallTimeoutException(string message) : base(message) { }

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException) { }

    public GrainId GrainId { get; }

    public string Method { get; } = "";
}

namespace CardActors.Runtime;

/// <summary>A call reached a silo that is shutting down and no longer activates grains.</summary>
public sealed class SiloShuttingDownException : InvalidOperationException
{
    public SiloShuttingDownException(GrainId grainId)
        : base($"The silo is shutting down: grain {grainId} is not activated here any more.") => GrainId = grainId;

    public SiloShuttingDownException() { }

    public SiloShuttingDownException(string message) : base(message) { }

    public SiloShuttingDownException(string message, Exception innerException) : base(message, innerException) { }

    public GrainId GrainId { get; }
}

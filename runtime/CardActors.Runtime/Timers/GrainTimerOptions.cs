namespace CardActors.Runtime;

/// <summary>How a timer tick is scheduled among the grain's requests.</summary>
public sealed record GrainTimerOptions
{
    public static GrainTimerOptions Default { get; } = new();

    /// <summary>Whether a tick may interleave with requests. By default a tick is a turn like any call.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as use of the grain and so keep it from idle collection.</summary>
    public bool KeepAlive { get; init; }
}

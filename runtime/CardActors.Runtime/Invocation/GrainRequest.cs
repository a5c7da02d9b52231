namespace CardActors.Runtime;

/// <summary>
/// One call to a grain: the target, the interface method, the arguments and the call context.
/// This is what an <see cref="IGrainCallInvoker"/> moves; it serializes to
/// <c>{ target, interface, method, arguments }</c> so that a call can cross the network without
/// grain code knowing. The response comes back through <see cref="SetResult"/> or
/// <see cref="SetException"/>.
/// </summary>
public abstract class GrainRequest
{
    private protected GrainRequest(GrainId target, CallContext context)
    {
        Target = target;
        Context = context;
    }

    public GrainId Target { get; }

    /// <summary>The interface method called; null for the runtime's own turns (timer ticks).</summary>
    public GrainMethod? Method { get; private protected init; }

    public string? Interface => Method?.InterfaceName;

    public string MethodName => Method?.Name ?? "timer";

    public abstract object?[] Arguments { get; }

    public CallContext Context { get; }

    /// <summary>When the caller stops waiting, in <see cref="Environment.TickCount64"/> milliseconds.</summary>
    public long Deadline { get; internal set; } = long.MaxValue;

    internal virtual bool IsReadOnly => Method?.IsReadOnly ?? false;

    internal virtual bool IsAlwaysInterleave => Method?.IsAlwaysInterleave ?? false;

    /// <summary>Whether this turn counts as use of the activation (delays idle collection).</summary>
    internal virtual bool KeepsAlive => true;

    /// <summary>
    /// Whether a request still waiting when its activation ends goes to the grain's next activation.
    /// Calls do; a timer tick belongs to the activation that registered the timer and ends with it.
    /// </summary>
    internal virtual bool FollowsTheGrain => true;

    /// <summary>Runs the call on the target grain; called on the activation's context.</summary>
    internal abstract Task RunAsync(Activation activation);

    /// <summary>Completes the caller with a result; returns false if it was already completed (e.g. timed out).</summary>
    public abstract bool SetResult(object? result);

    public abstract bool SetException(Exception exception);

    /// <summary>The response as the caller will see it: the boxed result, or the exception thrown.</summary>
    public abstract Task<object?> GetResponseAsync();

    public override string ToString() => $"{Interface}.{MethodName} on {Target}";
}

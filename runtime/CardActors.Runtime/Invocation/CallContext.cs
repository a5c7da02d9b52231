using System.Collections.Immutable;

namespace CardActors.Runtime;

/// <summary>
/// What travels with every grain call: the call chain it belongs to, the path of grain turns it
/// came through, and the request context values (correlation id, caller identity...).
/// <para>
/// A call made inside a grain turn carries that turn's context, and the turn's context names its
/// grain: so a request that arrives at an activation which is already on the request's path, in a
/// turn of the same chain, is a call coming back (A calls B, B calls A). It is let in instead of
/// deadlocking. Two calls a turn makes in parallel to the same grain share the chain but not that
/// grain on their path, so they still take turns there.
/// </para>
/// </summary>
public sealed class CallContext
{
    private static readonly AsyncLocal<CallContext?> s_current = new();
    private static readonly long s_processPrefix = (long)Random.Shared.Next(1, 1 << 23) << 40;
    private static long s_nextChain;

    public CallContext(long chainId, ImmutableDictionary<string, string>? items)
        : this(chainId, items, null, null)
    {
    }

    private CallContext(long chainId, ImmutableDictionary<string, string>? items, GrainId? grain, CallContext? caller)
    {
        ChainId = chainId;
        Items = items;
        Grain = grain;
        Caller = caller;
    }

    /// <summary>Identifies one logical call chain across grains; unique per process and very likely across processes.</summary>
    public long ChainId { get; }

    public ImmutableDictionary<string, string>? Items { get; }

    /// <summary>The grain whose turn runs in this context; null outside grains.</summary>
    public GrainId? Grain { get; }

    /// <summary>The context of the turn that made the call this turn serves, if it was a grain's.</summary>
    public CallContext? Caller { get; }

    /// <summary>The context of the code that is running now, or null outside any grain call.</summary>
    public static CallContext? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }

    /// <summary>The grains of the turns this context came through, from the start of the chain.</summary>
    public IReadOnlyList<GrainId> Path
    {
        get
        {
            var path = new List<GrainId>();
            for (var context = this; context is not null; context = context.Caller)
            {
                if (context.Grain is { } grain)
                {
                    path.Add(grain);
                }
            }

            path.Reverse();
            return path;
        }
    }

    /// <summary>Rebuilds a context that crossed the wire.</summary>
    public static CallContext Create(long chainId, ImmutableDictionary<string, string>? items, IEnumerable<GrainId> path)
    {
        CallContext? context = null;
        foreach (var grain in path)
        {
            context = new CallContext(chainId, items, grain, context);
        }

        return context ?? new CallContext(chainId, items);
    }

    /// <summary>Whether a turn of <paramref name="grain"/> is upstream of this context in its chain.</summary>
    public bool HasPassedThrough(GrainId grain)
    {
        for (var context = this; context is not null; context = context.Caller)
        {
            if (context.Grain == grain)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same chain, path and turn with other request context values.</summary>
    internal CallContext WithItems(ImmutableDictionary<string, string>? items) => new(ChainId, items, Grain, Caller);

    /// <summary>The context of a turn of <paramref name="grain"/> serving a request that carried this context.</summary>
    internal CallContext EnterTurn(GrainId grain) => new(ChainId, Items, grain, this);

    /// <summary>The context an outgoing call carries: the current one, or a new chain.</summary>
    internal static CallContext ForOutgoingCall() => s_current.Value ?? NewChain(null);

    internal static CallContext NewChain(ImmutableDictionary<string, string>? items)
        => new(s_processPrefix | (Interlocked.Increment(ref s_nextChain) & ((1L << 40) - 1)), items);
}

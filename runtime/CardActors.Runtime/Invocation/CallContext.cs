using System.Collections.Immutable;

namespace CardActors.Runtime;

/// <summary>
/// What travels with every grain call: the call chain it belongs to and the request context
/// values (correlation id, caller identity...). A call made inside a grain turn inherits both, so
/// a call that comes back to an activation already working on the same chain is let in: that is
/// how a call cycle (A calls B, B calls A) completes instead of deadlocking.
/// </summary>
public sealed class CallContext
{
    private static readonly AsyncLocal<CallContext?> s_current = new();
    private static readonly long s_processPrefix = (long)Random.Shared.Next(1, 1 << 23) << 40;
    private static long s_nextChain;

    public CallContext(long chainId, ImmutableDictionary<string, string>? items)
    {
        ChainId = chainId;
        Items = items;
    }

    /// <summary>Identifies one logical call chain across grains; unique per process and very likely across processes.</summary>
    public long ChainId { get; }

    public ImmutableDictionary<string, string>? Items { get; }

    /// <summary>The context of the code that is running now, or null outside any grain call.</summary>
    public static CallContext? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }

    /// <summary>The context an outgoing call carries: the current one, or a new chain.</summary>
    internal static CallContext ForOutgoingCall() => s_current.Value ?? NewChain(null);

    internal static CallContext NewChain(ImmutableDictionary<string, string>? items)
        => new(s_processPrefix | (Interlocked.Increment(ref s_nextChain) & ((1L << 40) - 1)), items);
}

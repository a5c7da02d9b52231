using System.Collections.Immutable;

namespace CardActors.Runtime;

/// <summary>
/// Ambient key/value pairs that flow with grain calls, from a client into every grain of the
/// call chain (for example a correlation id or the operator's identity for the audit).
/// </summary>
public static class RequestContext
{
    public static string? Get(string key)
        => CallContext.Current?.Items is { } items && items.TryGetValue(key, out var value) ? value : null;

    public static void Set(string key, string value)
    {
        var current = CallContext.Current;
        var items = (current?.Items ?? ImmutableDictionary<string, string>.Empty).SetItem(key, value);
        CallContext.Current = current is null ? CallContext.NewChain(items) : current.WithItems(items);
    }

    public static void Remove(string key)
    {
        if (CallContext.Current is { Items: { } items } current && items.ContainsKey(key))
        {
            CallContext.Current = current.WithItems(items.Remove(key));
        }
    }
}

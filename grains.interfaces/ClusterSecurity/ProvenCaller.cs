namespace CardActors.Grains.ClusterSecurity;

/// <summary>
/// Who a cluster client's call was proven to come from: set in <see cref="RequestContext"/> by the
/// silo's caller identity filter once the call's <see cref="CallerProof"/> verified, never by a
/// client (the filter drops whatever a client put under the key). Grain calls that follow carry it on.
/// </summary>
/// <param name="Serial">The serial of the certificate that signed the call.</param>
[GenerateSerializer, Immutable, Alias("CardActors.ProvenCaller")]
public sealed record ProvenCaller([property: Id(0)] ClusterRole Role, [property: Id(1)] string Name, [property: Id(2)] string Serial)
{
    public const string RequestContextKey = "cardactors.proven-caller";

    /// <summary>The proven caller of the current call, or null: a call from inside the cluster, or from a client that proved nothing (allowed only without TLS).</summary>
    public static ProvenCaller? Current => RequestContext.Get(RequestContextKey) as ProvenCaller;
}

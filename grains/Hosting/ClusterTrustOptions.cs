using System.Security.Cryptography.X509Certificates;

namespace CardActors.Grains.Hosting;

/// <summary>How a silo checks who its cluster clients are (see <see cref="CallerIdentityFilter"/>). The silo sets it from <c>CardActors:Cluster:Tls</c>.</summary>
public sealed class ClusterTrustOptions
{
    /// <summary>The cluster CA's certificate. Null: caller identity is off (the embedded default's loopback gateway), proofs are neither required nor read.</summary>
    public X509Certificate2? Ca { get; set; }

    /// <summary>Whether a client's call without a proof is refused (true whenever the silo runs TLS).</summary>
    public bool RequireCallerProof { get; set; }

    /// <summary>How far a proof's time may be from the silo's clock; a proof older than this is refused, and nonces are remembered twice as long.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the silo reads the revoked serials from the CA grain: a revoked member is refused within this time.</summary>
    public TimeSpan RevocationRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}

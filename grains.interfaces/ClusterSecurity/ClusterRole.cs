using System.Text.Json.Serialization;

namespace CardActors.Grains.ClusterSecurity;

/// <summary>What a cluster certificate lets its holder be (an extended key usage of the certificate, see <see cref="ClusterCertificates"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClusterRole>))]
[GenerateSerializer, Alias("CardActors.ClusterRole")]
public enum ClusterRole
{
    /// <summary>A silo: silo-to-silo links, and the calls its own HTTP API makes.</summary>
    Silo,

    /// <summary>An API host (a cluster client that serves the HTTP API): may call any grain.</summary>
    ApiHost,

    /// <summary>A production station: may call only <see cref="StationCallableAttribute"/> interfaces, and only as itself.</summary>
    Station,
}

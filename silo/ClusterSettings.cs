using System.Net;

namespace CardActors.Silo;

/// <summary>
/// How the silo joins a cluster: section <c>CardActors:Cluster</c>. The embedded default is one
/// silo with localhost clustering, its gateway on loopback only. With <see cref="ClusterProvider.PostgreSql"/>
/// the silos find each other in the storage database, so several of them (and API hosts, which are
/// cluster clients) share one PostgreSQL.
/// </summary>
public sealed class ClusterSettings
{
    public const string SectionName = "CardActors:Cluster";

    public string Provider { get; set; } = nameof(ClusterProvider.Localhost);

    public string ClusterId { get; set; } = "cardactors";

    /// <summary>Names the stored data: grain state and reminders of one service survive a redeployment under a new cluster id.</summary>
    public string ServiceId { get; set; } = "cardactors";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where cluster clients (API hosts, stations) connect; 0 opens no gateway.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; loopback unless set.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>How long a grain call may take before the caller gets a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle activation lives before it is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Mutual TLS of the silo links and the gateway, and signed client calls; off by default (see <see cref="ClusterTlsSettings"/>).</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    public ClusterProvider ParsedProvider => Enum.Parse<ClusterProvider>(Provider, ignoreCase: true);

    public IPAddress ParsedAdvertisedAddress => IPAddress.Parse(AdvertisedAddress);

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IEnumerable<string> Validate(StorageProvider storage)
    {
        if (!Enum.TryParse<ClusterProvider>(Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            yield return $"{SectionName}:Provider must be one of {string.Join(", ", Enum.GetNames<ClusterProvider>())}, not '{Provider}'.";
        }
        else if (provider == ClusterProvider.PostgreSql && storage != StorageProvider.PostgreSql)
        {
            yield return $"{SectionName}:Provider PostgreSql needs {StorageOptions.SectionName}:Provider PostgreSql: the silos of a cluster share one database.";
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return $"{SectionName}:ClusterId and ServiceId must not be empty.";
        }

        if (SiloPort is < 1 or > 65535)
        {
            yield return $"{SectionName}:SiloPort must be a port number, not {SiloPort}.";
        }

        if (GatewayPort is < 0 or > 65535)
        {
            yield return $"{SectionName}:GatewayPort must be a port number or 0 (no gateway), not {GatewayPort}.";
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{SectionName}:AdvertisedAddress must be an IP address, not '{AdvertisedAddress}'.";
        }

        if (ResponseTimeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:ResponseTimeout must be positive.";
        }

        if (CollectionAge < TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:CollectionAge must be at least a minute.";
        }

        foreach (var problem in Tls.Validate($"{SectionName}:Tls"))
        {
            yield return problem;
        }
    }
}

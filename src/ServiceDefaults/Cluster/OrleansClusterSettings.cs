namespace Platform.ServiceDefaults.Cluster;

/// <summary>
/// Where a silo or a cluster client finds its Orleans cluster ("Orleans" section). Membership lives in the
/// platform's PostgreSQL database (Postgres:ConnectionString), so silos and gateways of one deployment share the
/// <see cref="ClusterId"/> and <see cref="ServiceId"/> and nothing else needs configuring for them to meet.
/// </summary>
public sealed class OrleansClusterSettings
{
    public const string Section = "Orleans";

    /// <summary>Silos and clients with the same id form one cluster; a new id per deployment starts an empty membership.</summary>
    public string ClusterId { get; set; } = "platform";

    /// <summary>Stays the same across deployments: grain state and reminders are stored under it.</summary>
    public string ServiceId { get; set; } = "platform";

    /// <summary>Silo-to-silo port (silos only).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port cluster clients (the gateway) connect to (silos only).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (a pod's IP); empty: the first non-loopback address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Kubernetes hosting (pod name as silo name, dead pods' membership entries removed): only inside a pod.</summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>The Orleans Dashboard's HTTP port on a silo; 0: off.</summary>
    public int DashboardPort { get; set; }
}

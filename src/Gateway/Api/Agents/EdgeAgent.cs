using Platform.Gateway.Api.Cameras;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Gateway.Api.Agents;

/// <summary>The body of POST /api/agents.</summary>
public sealed record EdgeAgentInput(string? Id, string? SiteId, string? Name);

/// <summary>
/// A registered edge agent: its site, the configuration version its cameras are at, and what it last reported.
/// <see cref="Online"/>: a heartbeat arrived within <see cref="AgentPresence.OfflineAfter"/>; <see cref="ConfigApplied"/>:
/// it reports running the current version.
/// </summary>
public sealed record EdgeAgent(
    string Id, string SiteId, string Name, long ConfigVersion, DateTimeOffset CreatedAt, int Cameras, bool Online, bool ConfigApplied,
    EdgeAgentReport? Reported);

/// <summary>
/// An agent's newest heartbeat as stored by its grain (camera errors arrive with credentials masked by the agent);
/// <see cref="ProblemReasons"/> says in words, per camera id, the problem of each camera that has one.
/// </summary>
public sealed record EdgeAgentReport(
    DateTimeOffset ReportedAt, DateTimeOffset ReceivedAt, string Version, long? ConfigVersion, string? ConfigError, long DiskFreeBytes,
    int SpoolCount, long SpoolBytes, int SpoolEvictions, IReadOnlyList<EdgeCameraStatus> Cameras)
{
    public IReadOnlyDictionary<string, string> ProblemReasons => Cameras
        .Where(c => c.Problem is not null)
        .ToDictionary(c => c.CameraId.Value, c => EdgeProblemText.Describe(c.Problem!, c.LastError), StringComparer.Ordinal);
}

/// <summary>An agent that sends heartbeats but is not registered: <see cref="Site"/> is the site its own configuration names.</summary>
public sealed record UnregisteredAgent(string AgentId, string? Site, bool Online, EdgeAgentReport Reported);

/// <summary>The answer to a registration or a key rotation: the config key is shown this once (the agent's EdgeAgent:ConfigKey).</summary>
public sealed record EdgeAgentKey(EdgeAgent Agent, string ConfigKey);

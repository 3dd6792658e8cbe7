namespace Platform.Grains.Edge;

/// <summary>A registered agent's desired state as PostgreSQL holds it: its config key, version and cameras (passwords in clear).</summary>
public sealed record DesiredAgent(string AgentId, string ConfigKey, long Version, IReadOnlyList<DesiredCamera> Cameras);

/// <summary>One camera row of a <see cref="DesiredAgent"/>; null recorder settings take the agent's defaults.</summary>
public sealed record DesiredCamera(
    string CameraId, string SourceUrl, string? Username, string? Password, string? DeviceSensorId, string? Container,
    double? CacheSeconds, long? CacheBytes, double? SegmentSeconds, bool Continuous);

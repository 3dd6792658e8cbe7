namespace Platform.Gateway.Api.Cameras;

/// <summary>
/// A camera: where its video comes from, which site and edge agent it belongs to, how its agent records it, how long
/// its clips and continuous recording are kept. The RTSP password is never returned: <see cref="HasRtspPassword"/> says
/// whether one is stored.
/// </summary>
public sealed record Camera(
    string Id, string? SiteId, string Name, string? DeviceSensorId, string? SourceUrl,
    int? RetentionDays, long? RetentionBytes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? AgentId, string? RtspUsername, bool HasRtspPassword, bool Continuous, string? Container,
    double? CacheSeconds, long? CacheBytes, double? SegmentSeconds, int? ContinuousRetentionDays, long? ContinuousRetentionBytes);

/// <summary>The body of POST /api/cameras (id required) and PUT /api/cameras/{id}.</summary>
/// <param name="DeviceSensorId">The name a DeepStream device uses for this camera in Smart Video Record's sensor.id; null: the camera id.</param>
/// <param name="SourceUrl">rtsp:// or rtsps:// when an edge agent records it, without credentials (they go in the two fields below).</param>
/// <param name="RetentionDays">Clips older than this are deleted; null keeps them.</param>
/// <param name="RetentionBytes">The oldest clips beyond this total are deleted; null: no byte budget.</param>
/// <param name="AgentId">The registered edge agent that records this camera (same site); null: no agent records it from the cloud.</param>
/// <param name="RtspPassword">Write-only. On PUT, null (or absent) keeps the stored password and "" removes it.</param>
/// <param name="Continuous">The agent uploads every segment (continuous recording), not only event clips.</param>
/// <param name="Container">mp4 (default) or mkv, for clips.</param>
/// <param name="CacheSeconds">How far back the agent's cache reaches (default 30).</param>
/// <param name="CacheBytes">Byte bound of the agent's cache for this camera (default 1 GiB).</param>
/// <param name="SegmentSeconds">Segment length of the cache and of continuous recording (default 2).</param>
/// <param name="ContinuousRetentionDays">Continuous recording older than this is deleted; null: the gateway's default.</param>
/// <param name="ContinuousRetentionBytes">The oldest continuous recording beyond this total is deleted; null: no byte budget.</param>
public sealed record CameraInput(
    string? Id, string? SiteId, string? Name, string? DeviceSensorId, string? SourceUrl, int? RetentionDays, long? RetentionBytes,
    string? AgentId = null, string? RtspUsername = null, string? RtspPassword = null, bool Continuous = false, string? Container = null,
    double? CacheSeconds = null, long? CacheBytes = null, double? SegmentSeconds = null,
    int? ContinuousRetentionDays = null, long? ContinuousRetentionBytes = null);

/// <summary>What the camera's edge agent last reported, and whether it is recording now.</summary>
public sealed record CameraStatus(
    string CameraId, bool Online, DateTimeOffset? LastHeartbeatAt, string? AgentId, bool Connected, bool Recording,
    double CacheSeconds, string? OpenSessionId, DateTimeOffset? ChangedAt);

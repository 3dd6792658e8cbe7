namespace Platform.Gateway.Api.Cameras;

/// <summary>A camera: where its video comes from, which site it belongs to, how long its clips are kept.</summary>
public sealed record Camera(
    string Id, string? SiteId, string Name, string? DeviceSensorId, string? SourceUrl,
    int? RetentionDays, long? RetentionBytes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The body of POST /api/cameras (id required) and PUT /api/cameras/{id}.</summary>
/// <param name="DeviceSensorId">The name a DeepStream device uses for this camera in Smart Video Record's sensor.id; null: the camera id.</param>
/// <param name="RetentionDays">Clips older than this are deleted; null keeps them.</param>
/// <param name="RetentionBytes">The oldest clips beyond this total are deleted; null: no byte budget.</param>
public sealed record CameraInput(
    string? Id, string? SiteId, string? Name, string? DeviceSensorId, string? SourceUrl, int? RetentionDays, long? RetentionBytes);

/// <summary>What the camera's edge agent last reported, and whether it is recording now.</summary>
public sealed record CameraStatus(
    string CameraId, bool Online, DateTimeOffset? LastHeartbeatAt, string? AgentId, bool Connected, bool Recording,
    double CacheSeconds, string? OpenSessionId, DateTimeOffset? ChangedAt);

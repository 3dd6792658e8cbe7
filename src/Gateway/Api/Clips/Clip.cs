using System.Text.Json.Serialization;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// A recorded clip as the API shows it. Where the bytes live (bucket, object keys) stays inside the gateway:
/// clients fetch them through <see cref="ContentUrl"/> and <see cref="ThumbnailUrl"/>, which are authorized.
/// </summary>
public sealed record Clip(
    string Id,
    string CameraId,
    string? SessionId,
    string? RuleId,
    string? SensorId,
    string? CommandId,
    string AgentId,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    DateTimeOffset RequestedStart,
    DateTimeOffset RequestedEnd,
    bool StartClipped,
    double DurationSeconds,
    long SizeBytes,
    string Sha256,
    string Container,
    DateTimeOffset CreatedAt,
    string ContentUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ThumbnailUrl);

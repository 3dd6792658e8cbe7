using System.Text.Json.Serialization;

namespace Platform.Gateway.Api.Clips;

/// <summary>
/// A recorded clip as the API shows it. Where the bytes live (bucket, object keys) stays inside the gateway:
/// clients fetch them through <see cref="ContentUrl"/> and <see cref="ThumbnailUrl"/>, which are authorized.
/// </summary>
/// <param name="RuleId">The rule whose trigger opened the clip's session (null: a manual recording).</param>
/// <param name="RuleIds">Every rule whose trigger opened or extended the session, the opener first.</param>
public sealed record Clip(
    string Id,
    string CameraId,
    string? SessionId,
    string? RuleId,
    IReadOnlyList<string> RuleIds,
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

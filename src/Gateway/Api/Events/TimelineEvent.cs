namespace Platform.Gateway.Api.Events;

/// <summary>
/// One entry of the events timeline: a rule firing with an alert (kind "alert") or a recording session (kind
/// "recording", from a rule's record action or a manual start), newest first.
/// </summary>
public sealed record TimelineEvent(
    string Kind, string Id, DateTimeOffset At, string? CameraId, string? SensorId, string? RuleId, string? RuleName,
    string? ClassName, string? Severity, string? Message, string? SessionId);

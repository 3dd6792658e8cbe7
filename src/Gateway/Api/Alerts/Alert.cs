namespace Platform.Gateway.Api.Alerts;

/// <summary>A rule firing with an alert action.</summary>
public sealed record Alert(
    string Id, string RuleId, string RuleName, string Severity, string Message, string SensorId, string? CameraId,
    string? ZoneId, string? LineId, string? ClassName, IReadOnlyList<string> ObjectIds, DateTimeOffset OccurredAt);

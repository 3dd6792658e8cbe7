using System.Text.Json.Serialization;
using Platform.Gateway.Api.Reviews;

namespace Platform.Gateway.Api.Alerts;

/// <summary>A rule firing.</summary>
/// <param name="CameraId">The camera of the sensor that fired the rule: where it happened.</param>
/// <param name="RecordCameraIds">The cameras the rule's record actions record (the sensor's own, others, or none).</param>
/// <param name="Review">Who marked it reviewed and when; null: not reviewed (and always null in the live feed).</param>
public sealed record Alert(
    string Id, string RuleId, string RuleName, string Severity, string Message, string SensorId, string? CameraId,
    IReadOnlyList<string> RecordCameraIds, string? ZoneId, string? LineId, string? ClassName, IReadOnlyList<string> ObjectIds, DateTimeOffset OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Review? Review = null);

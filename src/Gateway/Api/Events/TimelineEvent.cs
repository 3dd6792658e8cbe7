using System.Text.Json.Serialization;
using Platform.Gateway.Api.Reviews;

namespace Platform.Gateway.Api.Events;

/// <summary>
/// One entry of the events timeline: a rule firing with an alert (kind "alert") or a recording session (kind
/// "recording", from a rule's record action or a manual start), newest first.
/// </summary>
/// <param name="Review">Who marked it reviewed and when; null: not reviewed.</param>
/// <param name="Clip">What to play for it; null while no clip covers it (the edge uploads after the post-roll).</param>
public sealed record TimelineEvent(
    string Kind, string Id, DateTimeOffset At, string? CameraId, string? SensorId, string? RuleId, string? RuleName,
    string? ClassName, string? Severity, string? Message, string? SessionId, string? ZoneId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Review? Review,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] EventClip? Clip);

using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Interfaces.Alerts;

/// <summary>
/// `platform.alerts`: a rule fired. <see cref="AlertId"/> is derived from the sensor, the rule and the position
/// of the triggering message, so a replay re-sends the same id and consumers can dedupe.
/// </summary>
public sealed record AlertRaised
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required AlertId AlertId { get; init; }

    public required RuleId RuleId { get; init; }

    public required string RuleName { get; init; }

    public required AlertSeverity Severity { get; init; }

    /// <summary>The rule's message template with its placeholders filled in.</summary>
    public required string Message { get; init; }

    public required SensorId SensorId { get; init; }

    /// <summary>The camera of the sensor that fired the rule: where it happened. Null for a sensor without a camera.</summary>
    public CameraId? CameraId { get; init; }

    /// <summary>The cameras the rule's record actions record (the sensor's own, others, or none).</summary>
    public IReadOnlyList<CameraId> RecordCameraIds { get; init; } = [];

    public string? ZoneId { get; init; }

    public string? LineId { get; init; }

    /// <summary>Tracking ids of the objects that triggered the rule (empty for an event-type rule on an object-less event).</summary>
    public required IReadOnlyList<string> ObjectIds { get; init; }

    /// <summary>The class of the first triggering object, or null.</summary>
    public string? Class { get; init; }

    /// <summary>Event time: the detection's timestamp, not the time the grain processed it.</summary>
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The grain envelope message id of the detection that fired the rule.</summary>
    public required string TriggerMessageId { get; init; }
}

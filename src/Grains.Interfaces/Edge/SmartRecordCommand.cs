using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// DeepStream's Smart Video Record cloud-to-device message on `edge.commands`, exactly as DeepStream reads it
/// (`command`, `start`, `end`, `sensor.id`), plus optional fields of ours that DeepStream ignores. A
/// start-recording with the same <see cref="SessionId"/> and a later end extends the session into one clip.
/// </summary>
public sealed record SmartRecordCommand
{
    public const string StartRecording = "start-recording";
    public const string StopRecording = "stop-recording";

    [JsonPropertyName("command")]
    public required string Command { get; init; }

    [JsonPropertyName("start")]
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset Start { get; init; }

    [JsonPropertyName("end")]
    [JsonConverter(typeof(UtcMillisecondsJsonConverter))]
    public required DateTimeOffset End { get; init; }

    [JsonPropertyName("sensor")]
    public required SmartRecordSensor Sensor { get; init; }

    [JsonPropertyName("commandId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CommandId? CommandId { get; init; }

    [JsonPropertyName("sessionId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SessionId? SessionId { get; init; }

    [JsonPropertyName("cameraId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CameraId? CameraId { get; init; }

    [JsonPropertyName("ruleId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleId? RuleId { get; init; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}

using System.Text.Json.Serialization;
using Orleans;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// Names one grain: "sensor/{key}", "camera/{key}" or "agent/{key}". Its <see cref="PartitionKey"/> is the Kafka key of the
/// grain's messages, so it decides the partition, and with it the silo that owns the grain.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<GrainKey>))]
[GenerateSerializer]
[Immutable]
public readonly record struct GrainKey(string Value) : IStringId<GrainKey>
{
    private const string SensorPrefix = "sensor/";
    private const string CameraPrefix = "camera/";
    private const string AgentPrefix = "agent/";

    public GrainKind Kind =>
        Value.StartsWith(CameraPrefix, StringComparison.Ordinal) ? GrainKind.Camera
        : Value.StartsWith(AgentPrefix, StringComparison.Ordinal) ? GrainKind.Agent
        : GrainKind.Sensor;

    /// <summary>The key after the kind: the sensor, camera or agent id.</summary>
    public string Key => Value[(Value.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>
    /// The Kafka key of the grain's messages: the bare sensor or camera id. DeepStream keys its detections by
    /// sensor id, so a device topic and the grain topics place a sensor in the same partition (direct mode).
    /// </summary>
    public string PartitionKey => Key;

    public static GrainKey From(string value) =>
        value.StartsWith(SensorPrefix, StringComparison.Ordinal) || value.StartsWith(CameraPrefix, StringComparison.Ordinal)
            || value.StartsWith(AgentPrefix, StringComparison.Ordinal)
            ? new GrainKey(value)
            : throw new FormatException($"'{value}' is not a grain id: it starts with '{SensorPrefix}', '{CameraPrefix}' or '{AgentPrefix}'.");

    public static GrainKey ForSensor(SensorId sensor) => new(SensorPrefix + sensor.Value);

    public static GrainKey ForCamera(CameraId camera) => new(CameraPrefix + camera.Value);

    public static GrainKey ForAgent(string agentId) => new(AgentPrefix + agentId);

    public override string ToString() => Value;
}

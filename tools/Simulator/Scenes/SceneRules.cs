using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Simulator.Scenes;

/// <summary>How scenes write their rules and configuration: ids prefixed by the sensor, so several sensors can run one scene.</summary>
public static class SceneRules
{
    public static RuleId Id(SensorId sensor, string rule) => RuleId.From($"{sensor.Value}-{rule}");

    /// <summary>A rule that alerts with <paramref name="message"/> and records the sensor's camera.</summary>
    public static Rule AlertAndRecord(SensorId sensor, string rule, string name, RuleCondition condition, string message) => new()
    {
        Id = Id(sensor, rule),
        Name = name,
        SensorIds = [sensor],
        Condition = condition,
        Actions =
        [
            new AlertAction { Severity = AlertSeverity.Warning, MessageTemplate = message },
            new RecordAction { PreRoll = TimeSpan.FromSeconds(5), PostRoll = TimeSpan.FromSeconds(10) },
        ],
    };

    public static CameraConfig Camera(CameraId camera, string scene) => new() { CameraId = camera, Name = $"platform-sim {scene}" };

    public static SensorConfig Sensor(SensorId sensor, CameraId camera, IReadOnlyList<Zone> zones, IReadOnlyList<Line> lines, params Rule[] rules) => new()
    {
        SensorId = sensor,
        CameraId = camera,
        Zones = zones,
        Lines = lines,
        Rules = rules,
    };
}

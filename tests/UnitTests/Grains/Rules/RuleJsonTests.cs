using System.Text.Json;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Rules;

namespace Platform.UnitTests.Grains.Rules;

public sealed class RuleJsonTests
{
    private const string RuleJson = """
        {
          "id": "rule-7",
          "name": "Loitering at the dock",
          "sensorIds": ["sensor-1"],
          "condition": { "zoneId": "dock", "classes": ["Person"], "minimumDwell": "00:02:00", "type": "dwell" },
          "schedule": {
            "timeZone": "Europe/Berlin",
            "windows": [ { "days": ["friday", "saturday"], "start": "22:00", "end": "06:00:00" } ]
          },
          "cooldown": "00:05:00",
          "minConfidence": 0.6,
          "actions": [
            { "type": "record", "cameraId": "cam-1", "preRoll": "00:00:05", "postRoll": "00:00:20", "maxSession": "00:10:00", "container": "mkv" },
            { "type": "alert", "severity": "critical", "messageTemplate": "{class} loitering in {zone}" }
          ]
        }
        """;

    [Fact]
    public void Rule_reads_from_camel_case_json_with_type_discriminators_anywhere_in_the_object()
    {
        var rule = JsonSerializer.Deserialize(RuleJson, RulesJsonContext.Default.Rule)!;

        Assert.Equal(RuleId.From("rule-7"), rule.Id);
        Assert.True(rule.Enabled);
        var dwell = Assert.IsType<DwellCondition>(rule.Condition);
        Assert.Equal(TimeSpan.FromMinutes(2), dwell.MinimumDwell);
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], rule.Schedule!.Windows[0].Days);
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(6, 0)), (rule.Schedule.Windows[0].Start, rule.Schedule.Windows[0].End));
        var record = Assert.IsType<RecordAction>(rule.Actions[0]);
        Assert.Equal(GrainTestData.Camera, record.CameraId);
        Assert.Equal("mkv", record.Container);
        Assert.Equal(AlertSeverity.Critical, Assert.IsType<AlertAction>(rule.Actions[1]).Severity);
    }

    [Fact]
    public void Rule_writes_type_first_and_enums_as_kebab_case_strings()
    {
        var rule = new Rule
        {
            Id = RuleId.From("r"),
            Name = "n",
            SensorIds = [GrainTestData.Sensor],
            Condition = new LineCrossingCondition { LineId = "gate", Direction = CrossingDirection.BToA },
            Actions = [new AlertAction { Severity = AlertSeverity.Info, MessageTemplate = "x" }],
        };

        var json = JsonSerializer.Serialize(rule, RulesJsonContext.Default.Rule);

        Assert.Contains("""
            "condition":{"type":"line-crossing","lineId":"gate","direction":"b-to-a","classes":[]}
            """.Trim(), json, StringComparison.Ordinal);
        Assert.Contains("""{"type":"alert","severity":"info","messageTemplate":"x"}""", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, RulesJsonContext.Default.Rule)!, RulesJsonContext.Default.Rule));
    }

    [Fact]
    public void Fields_left_out_of_the_json_keep_their_defaults()
    {
        const string json = """
            {"id":"r","name":"n","sensorIds":["s"],"condition":{"type":"object-in-zone","zoneId":"z","trigger":"while-present"},
             "actions":[{"type":"alert","messageTemplate":"m"},{"type":"record"}]}
            """;

        var rule = JsonSerializer.Deserialize(json, RulesJsonContext.Default.Rule)!;

        Assert.True(rule.Enabled);
        Assert.Equal(ZoneTrigger.WhilePresent, Assert.IsType<ObjectInZoneCondition>(rule.Condition).Trigger);
        Assert.Equal(AlertSeverity.Warning, Assert.IsType<AlertAction>(rule.Actions[0]).Severity);
        var record = Assert.IsType<RecordAction>(rule.Actions[1]);
        Assert.Equal(new RecordAction(), record);
    }

    [Fact]
    public void Camera_config_defaults_the_device_sensor_id_to_the_camera_id()
    {
        var camera = JsonSerializer.Deserialize("""{"cameraId":"cam-9","name":"Gate"}""", RulesJsonContext.Default.CameraConfig)!;

        Assert.Equal("cam-9", camera.EffectiveDeviceSensorId);
        Assert.Equal("ds-source-2", (camera with { DeviceSensorId = "ds-source-2" }).EffectiveDeviceSensorId);
        Assert.DoesNotContain("effective", JsonSerializer.Serialize(camera, RulesJsonContext.Default.CameraConfig), StringComparison.OrdinalIgnoreCase);
    }
}

using Platform.Grains.Rules;
using Platform.Simulator.Messages;
using Platform.Simulator.Scenes;

namespace Platform.UnitTests.Simulator;

public sealed class SceneTests
{
    public static TheoryData<string, DeepStreamSchema> ScenesAndSchemas()
    {
        var data = new TheoryData<string, DeepStreamSchema>();
        foreach (var scene in SceneCatalog.All)
        {
            data.Add(scene.Name, DeepStreamSchema.Full);
            data.Add(scene.Name, DeepStreamSchema.Minimal);
            data.Add(scene.Name, DeepStreamSchema.Protobuf);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenesAndSchemas))]
    public void Every_message_of_a_scene_is_accepted_by_the_silo_parser_with_its_objects_and_times(string scene, DeepStreamSchema schema)
    {
        var script = SceneRun.Script(scene);

        var detections = SceneRun.Parse(script, schema);

        Assert.All(detections, d => Assert.Equal(SceneRun.Sensor, d.SensorId));
        var sent = script.Frames.SelectMany(f => f.Objects.Select(o => (f.Timestamp, o.TrackingId, o.Label, o.Bottom))).ToList();
        var received = detections.SelectMany(d => d.Objects.Select(o => (d.Timestamp, o.TrackingId, o.Label, o.Bottom))).ToList();
        Assert.Equal(sent, received);
        Assert.Equal(schema == DeepStreamSchema.Full ? sent.Count : script.Frames.Count, detections.Count);
    }

    [Theory]
    [MemberData(nameof(ScenesAndSchemas))]
    public void The_sensor_grain_fires_exactly_the_expected_rules_at_the_expected_times(string scene, DeepStreamSchema schema)
    {
        var script = SceneRun.Script(scene);

        var fired = SceneRun.Firings(SceneRun.ConfigFromPrintedJson(script), SceneRun.Parse(script, schema));

        Assert.Equal(script.ExpectedFirings, fired);
    }

    [Fact]
    public void Scenes_other_than_off_schedule_expect_firings_of_every_rule_they_configure()
    {
        foreach (var scene in SceneCatalog.All.Where(s => s is not OffScheduleScene))
        {
            var script = SceneRun.Script(scene.Name);
            Assert.Equal(script.Sensor.Rules.Select(r => r.Id.Value).Order(), script.ExpectedFirings.Select(f => f.RuleId.Value).Distinct().Order());
        }
    }

    [Fact]
    public void Off_schedule_scene_fires_once_when_its_rule_has_no_schedule_so_only_the_schedule_holds_it_back()
    {
        var script = SceneRun.Script("off-schedule");
        Assert.Empty(script.ExpectedFirings);
        var unscheduled = script.Sensor with { Rules = [.. script.Sensor.Rules.Select(r => r with { Schedule = null })] };

        var fired = SceneRun.Firings(unscheduled, SceneRun.Parse(script, DeepStreamSchema.Full));

        Assert.Equal(script.Sensor.Rules[0].Id, Assert.Single(fired).RuleId);
    }

    [Fact]
    public void Scene_configurations_pass_the_rule_validator()
    {
        foreach (var scene in SceneCatalog.All)
        {
            var script = SceneRun.Script(scene.Name);
            Assert.Empty(RuleValidator.ValidateSensor(script.Sensor));
            Assert.Empty(RuleValidator.ValidateCamera(script.Camera));
        }
    }

    [Fact]
    public void A_scene_is_deterministic_for_the_same_sensor_and_start()
    {
        foreach (var scene in SceneCatalog.All)
        {
            var first = DeepStreamMessageWriter.Write(SceneRun.Script(scene.Name).Frames, DeepStreamSchema.Full).ToList();
            var second = DeepStreamMessageWriter.Write(SceneRun.Script(scene.Name).Frames, DeepStreamSchema.Full).ToList();
            Assert.Equal(first.Select(m => Convert.ToHexString(m.Payload)), second.Select(m => Convert.ToHexString(m.Payload)));
        }
    }

    [Fact]
    public void Full_schema_messages_carry_the_class_as_a_key_and_a_confidence_like_deepstream()
    {
        var message = DeepStreamMessageWriter.Write(SceneRun.Script("line-crossing").Frames, DeepStreamSchema.Full).First();
        using var json = System.Text.Json.JsonDocument.Parse(message.Payload);

        var obj = json.RootElement.GetProperty("object");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, obj.GetProperty("Car").ValueKind);
        Assert.Equal(0.9, obj.GetProperty("confidence").GetDouble());
        Assert.Equal("sim-test", json.RootElement.GetProperty("sensor").GetProperty("id").GetString());
        Assert.Equal("2026-11-20T10:00:00.000Z", json.RootElement.GetProperty("@timestamp").GetString());
    }

    [Fact]
    public void Print_config_names_the_scene_its_camera_and_the_expected_firings()
    {
        var script = SceneRun.Script("loitering");
        var printed = System.Text.Json.Nodes.JsonNode.Parse(SceneConfigJson.Write(script))!;

        Assert.Equal("loitering", (string?)printed["scene"]);
        Assert.Equal("sim-test-cam", (string?)printed["camera"]!["cameraId"]);
        Assert.Equal("entrance", (string?)printed["sensor"]!["zones"]![0]!["id"]);
        Assert.Equal(["sim-test-entry", "sim-test-loitering"], printed["expectedFirings"]!.AsArray().Select(f => (string?)f!["ruleId"]));
        Assert.Equal("2026-11-20T10:00:05.000Z", (string?)printed["expectedFirings"]![0]!["at"]);
    }

    [Fact]
    public void Loitering_fires_entry_before_dwell_and_dwell_at_least_the_minimum_later()
    {
        var expected = SceneRun.Script("loitering").ExpectedFirings;

        Assert.Equal(2, expected.Count);
        Assert.InRange(expected[1].At - expected[0].At, LoiteringScene.MinimumDwell, LoiteringScene.MinimumDwell + SceneFrames.Interval);
    }
}

using System.Text.Json;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Json;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Turns;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Sensors;

public sealed class SensorGrainMessageTests
{
    [Fact]
    public void Camera_messages_are_refused_and_config_changed_is_accepted_without_effects()
    {
        var sensor = new SensorHarness(SensorWith());
        GrainEnvelope Envelope(GrainMessage message) => new() { MessageId = "m", GrainKey = sensor.Grain.Id, OccurredAt = T0, Message = message };
        var turn = new GrainTurn(T0, new SourcePosition("platform.control", 3, 1));

        Assert.False(sensor.Grain.Handle(Envelope(new StopRecordingRequested { CameraId = Camera, RequestedAt = T0, RequestId = "stop-1" }), turn));
        Assert.True(sensor.Grain.Handle(Envelope(new ConfigChanged { What = "rule r-1 updated" }), turn));
        Assert.Empty(turn.Effects);
    }

    [Fact]
    public void Record_request_to_the_camera_survives_the_platform_control_topic_unchanged()
    {
        var sensor = new SensorHarness(SensorWith(RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }, new RecordAction { Container = "mkv" })));
        var envelope = Assert.Single(sensor.Detect(T0, At("1", 200, 200)).Of<SendToGrain>()).Envelope;

        var json = JsonSerializer.Serialize(envelope, GrainJsonContext.Default.GrainEnvelope);
        var read = JsonSerializer.Deserialize(json, GrainJsonContext.Default.GrainEnvelope)!;

        Assert.Equal(envelope.MessageId, read.MessageId);
        Assert.Equal(envelope.GrainKey, read.GrainKey);
        Assert.Equal(envelope.Message, read.Message with { });
        Assert.Contains("\"type\":\"record\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_is_written_for_platform_alerts_with_camel_case_names_and_millisecond_utc_time()
    {
        var rule = RuleWith(new ObjectInZoneCondition { ZoneId = "dock" }, new AlertAction { Severity = AlertSeverity.Critical, MessageTemplate = "{class} in {zone}" });
        var alert = Assert.Single(new SensorHarness(SensorWith(rule)).Detect(T0, At("7", 200, 200)).Of<PublishAlert>()).Alert;

        var json = JsonSerializer.Serialize(alert, GrainJsonContext.Default.AlertRaised);

        Assert.Equal(
            "{\"schemaVersion\":1,\"alertId\":\"" + alert.AlertId + "\",\"ruleId\":\"rule-1\",\"ruleName\":\"Dock watch\",\"severity\":\"critical\"," +
            "\"message\":\"Person in Loading dock\",\"sensorId\":\"sensor-1\",\"cameraId\":\"cam-1\",\"recordCameraIds\":[],\"zoneId\":\"dock\",\"objectIds\":[\"7\"]," +
            "\"class\":\"Person\",\"occurredAt\":\"2026-11-20T10:00:00.000Z\",\"triggerMessageId\":\"" + alert.TriggerMessageId + "\"}",
            json);
    }
}

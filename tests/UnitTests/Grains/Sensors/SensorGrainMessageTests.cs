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
    public void Camera_messages_are_refused_without_effects()
    {
        var sensor = new SensorHarness(SensorWith());
        GrainEnvelope Envelope(GrainMessage message) => new() { MessageId = "m", GrainKey = sensor.Grain.Id, OccurredAt = T0, Message = message };
        var turn = new GrainTurn(T0, new SourcePosition("deepstream-events", 3, 1));

        Assert.False(sensor.Grain.Handle(Envelope(new StopRecordingRequested { CameraId = Camera, RequestedAt = T0, RequestId = "stop-1" }), turn));
        Assert.Empty(turn.Effects);
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

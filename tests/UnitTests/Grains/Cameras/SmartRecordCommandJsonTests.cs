using System.Text.Json;
using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Json;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Cameras;

public sealed class SmartRecordCommandJsonTests
{
    [Fact]
    public void Start_recording_is_deepstreams_json_with_utc_millisecond_times_and_our_optional_fields()
    {
        var camera = new CameraHarness();
        var trigger = CameraHarness.Trigger(new DateTimeOffset(2026, 11, 20, 11, 0, 0, 7, TimeSpan.FromHours(1)), preRoll: 5, postRoll: 10);
        var publish = Assert.Single(camera.Record(trigger).Of<PublishCommand>());

        var json = JsonSerializer.Serialize(publish.Command, EdgeJsonContext.Default.SmartRecordCommand);

        var expected =
            "{\"command\":\"start-recording\",\"start\":\"2026-11-20T09:59:55.007Z\",\"end\":\"2026-11-20T10:00:10.007Z\"," +
            "\"sensor\":{\"id\":\"ds-source-0\"},\"commandId\":\"" + publish.EffectId + "\",\"sessionId\":\"" + publish.Command.SessionId +
            "\",\"cameraId\":\"cam-1\",\"ruleId\":\"rule-1\",\"reason\":\"Person in Loading dock\"}";
        Assert.Equal(expected, json);
    }

    [Fact]
    public void Stop_recording_leaves_out_what_it_does_not_have()
    {
        var camera = new CameraHarness();
        camera.Record(new Platform.Grains.Interfaces.Messages.RecordRequested
        {
            CameraId = Camera,
            TriggeredAt = T0,
            PreRoll = TimeSpan.Zero,
            PostRoll = TimeSpan.FromMinutes(1),
            MaxSession = TimeSpan.FromMinutes(1),
            RequestedSessionId = Platform.Grains.Interfaces.Ids.SessionId.From("ses-1"),
        });
        var stop = Assert.Single(camera.Send(new Platform.Grains.Interfaces.Messages.StopRecordingRequested { CameraId = Camera, RequestedAt = T0.AddSeconds(12.5), RequestId = "stop-1" }, T0.AddSeconds(12.5)).Of<PublishCommand>());

        var json = JsonSerializer.Serialize(stop.Command, EdgeJsonContext.Default.SmartRecordCommand);

        Assert.Equal(
            "{\"command\":\"stop-recording\",\"start\":\"2026-11-20T10:00:00.000Z\",\"end\":\"2026-11-20T10:00:12.500Z\",\"sensor\":{\"id\":\"ds-source-0\"}," +
            "\"commandId\":\"" + stop.EffectId + "\",\"sessionId\":\"ses-1\",\"cameraId\":\"cam-1\",\"reason\":\"manual stop\"}",
            json);
    }
}

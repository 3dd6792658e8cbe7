using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Cameras;

public sealed class CameraGrainStatusTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static CameraHeartbeat Heartbeat(DateTimeOffset at, bool recording = false) => new()
    {
        AgentId = "edge-1",
        ReportedAt = at,
        Camera = new EdgeCameraStatus { CameraId = Camera, Connected = true, CacheSeconds = 58.5, Restarts = 0, Recording = recording },
    };

    private static ClipUploaded Clip(SessionId? session) => new()
    {
        MessageId = "clip-msg-1",
        OccurredAt = T0 + TimeSpan.FromMinutes(2),
        ClipId = ClipId.From("clip-1"),
        CommandId = CommandId.From("cmd_x"),
        SessionId = session,
        CameraId = Camera,
        AgentId = "edge-1",
        RequestedStart = T0 - (5 * Second),
        RequestedEnd = T0 + (10 * Second),
        ActualStart = T0 - (6 * Second),
        ActualEnd = T0 + (10 * Second),
        DurationSeconds = 16,
        SizeBytes = 1_234_567,
        Sha256 = new string('a', 64),
        Container = "mp4",
        Bucket = "clips",
        Key = "clips/cam-1/2026/11/20/clip-1.mp4",
    };

    [Fact]
    public void Heartbeat_marks_the_camera_online_with_its_cache_and_recording_state()
    {
        var camera = new CameraHarness();

        var status = Assert.Single(camera.Send(Heartbeat(T0, recording: true), T0).Of<UpsertCameraStatus>());

        Assert.True(status.Online);
        Assert.Equal((T0, T0 + TimeSpan.FromMilliseconds(100), "edge-1", true, true, 58.5),
            (status.LastHeartbeatAt!.Value, status.LastHeartbeatReceivedAt!.Value, status.AgentId, status.Connected, status.Recording, status.CacheSeconds));
    }

    [Fact]
    public void Camera_goes_offline_after_a_silence_measured_in_processing_time()
    {
        var camera = new CameraHarness(new() { OfflineAfter = 30 * Second });
        camera.Send(Heartbeat(T0), T0);
        camera.Clock.Advance(10 * Second);
        camera.Send(Heartbeat(T0 + (10 * Second)), T0 + (10 * Second));

        Assert.Equal(T0 + (40 * Second) + TimeSpan.FromMilliseconds(100), camera.Grain.NextTimerDue);
        var status = Assert.Single(camera.FireTimer().Of<UpsertCameraStatus>());

        Assert.False(status.Online);
        Assert.False(camera.Grain.State.Online);
        Assert.Null(camera.Grain.NextTimerDue);
    }

    [Fact]
    public void Timer_before_the_silence_is_long_enough_keeps_the_camera_online()
    {
        var camera = new CameraHarness(new() { OfflineAfter = 30 * Second });
        camera.Send(Heartbeat(T0), T0);

        var turn = new Platform.Grains.Turns.GrainTurn(T0 + (29 * Second), Platform.Grains.Turns.SourcePosition.ForTimer(5, T0 + (29 * Second)));
        camera.Grain.OnTimer(turn);

        Assert.Empty(turn.Effects);
        Assert.True(camera.Grain.State.Online);
    }

    [Fact]
    public void Clip_of_a_closed_session_is_cataloged_with_its_rule_and_triggering_event()
    {
        var camera = new CameraHarness();
        var session = Assert.Single(camera.Record(CameraHarness.Trigger(T0)).Of<PublishCommand>()).Command.SessionId!.Value;
        camera.FireTimer(); // closes the session

        var effects = camera.Send(new ClipReceived { Clip = Clip(session) }, T0 + TimeSpan.FromMinutes(2));

        var row = Assert.Single(effects.Of<InsertClip>());
        Assert.Equal((session, RuleId.From("rule-1"), Sensor, $"detection-at-{T0.ToUnixTimeMilliseconds()}"),
            (row.SessionId!.Value, row.RuleId!.Value, row.SensorId!.Value, row.TriggerMessageId));
        Assert.Equal(ClipId.From("clip-1"), row.Clip.ClipId);
    }

    [Fact]
    public void Clip_of_a_session_extended_by_other_rules_carries_every_rule_the_opener_first_each_once()
    {
        var camera = new CameraHarness();
        var session = Assert.Single(camera.Record(CameraHarness.Trigger(T0, rule: "rule-1")).Of<PublishCommand>()).Command.SessionId!.Value;
        camera.Record(CameraHarness.Trigger(T0 + TimeSpan.FromSeconds(8), rule: "rule-2"));
        var extended = camera.Record(CameraHarness.Trigger(T0 + TimeSpan.FromSeconds(16), rule: "rule-1"));
        camera.FireTimer();

        var row = Assert.Single(camera.Send(new ClipReceived { Clip = Clip(session) }, T0 + TimeSpan.FromMinutes(2)).Of<InsertClip>());

        Assert.Equal(["rule-1", "rule-2"], row.RuleIds.Select(r => r.Value));
        Assert.Equal(RuleId.From("rule-1"), row.RuleId);
        Assert.Equal(["rule-1", "rule-2"], Assert.Single(extended.Of<UpsertRecordingSession>()).RuleIds.Select(r => r.Value));
    }

    [Fact]
    public void Clip_of_an_unknown_session_is_still_cataloged()
    {
        var camera = new CameraHarness();

        var row = Assert.Single(camera.Send(new ClipReceived { Clip = Clip(SessionId.From("ses-old")) }, T0).Of<InsertClip>());

        Assert.Equal((SessionId.From("ses-old"), (RuleId?)null), (row.SessionId!.Value, row.RuleId));
    }

    [Fact]
    public void Messages_for_sensors_are_refused()
    {
        var camera = new CameraHarness();
        var envelope = new GrainEnvelope
        {
            MessageId = "m",
            GrainKey = camera.Grain.Id,
            OccurredAt = T0,
            Message = new DetectionReceived { SensorId = Sensor, Timestamp = T0, Objects = [] },
        };

        Assert.False(camera.Grain.Handle(envelope, new Platform.Grains.Turns.GrainTurn(T0, new("deepstream-events", 5, 1))));
    }
}

using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Cameras;

public sealed class CameraGrainSessionTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static SmartRecordCommand Command(IEnumerable<GrainEffect> effects) => Assert.Single(effects.Of<PublishCommand>()).Command;

    [Fact]
    public void First_trigger_opens_a_session_from_pre_roll_to_post_roll_and_commands_start_recording()
    {
        var camera = new CameraHarness();

        var effects = camera.Record(CameraHarness.Trigger(T0, preRoll: 5, postRoll: 10));

        var publish = Assert.Single(effects.Of<PublishCommand>());
        var command = publish.Command;
        Assert.Equal(Camera, publish.CameraId);
        Assert.Equal(SmartRecordCommand.StartRecording, command.Command);
        Assert.Equal((T0 - (5 * Second), T0 + (10 * Second)), (command.Start, command.End));
        Assert.Equal("ds-source-0", command.Sensor.Id);
        Assert.Equal(publish.EffectId, command.CommandId!.Value.Value);
        Assert.Matches("^cmd_[a-z2-7]{26}$", publish.EffectId);
        Assert.Equal((Camera, RuleId.From("rule-1"), "Person in Loading dock"), (command.CameraId!.Value, command.RuleId!.Value, command.Reason));

        var row = Assert.Single(effects.Of<UpsertRecordingSession>());
        Assert.Equal(RecordingSessionStatus.Open, row.Status);
        Assert.Equal(command.SessionId, row.SessionId);
        Assert.Equal(T0 + (55 * Second), row.MaxEnd);
        Assert.Equal($"detection-at-{T0.ToUnixTimeMilliseconds()}", row.TriggerMessageId);
    }

    [Fact]
    public void Trigger_while_open_extends_the_same_session_with_a_later_end()
    {
        var camera = new CameraHarness();
        var opened = Command(camera.Record(CameraHarness.Trigger(T0)));

        var effects = camera.Record(CameraHarness.Trigger(T0 + (8 * Second), rule: "rule-2"));

        var extended = Command(effects);
        Assert.Equal(SmartRecordCommand.StartRecording, extended.Command);
        Assert.Equal(opened.SessionId, extended.SessionId);
        Assert.Equal((T0 - (5 * Second), T0 + (18 * Second)), (extended.Start, extended.End));
        Assert.NotEqual(opened.CommandId, extended.CommandId);
        var row = Assert.Single(effects.Of<UpsertRecordingSession>());
        Assert.Equal((RecordingSessionStatus.Extended, 1, RuleId.From("rule-1")), (row.Status, row.Extensions, row.RuleId!.Value));
    }

    [Fact]
    public void Trigger_already_covered_by_the_open_session_changes_nothing()
    {
        var camera = new CameraHarness();
        camera.Record(CameraHarness.Trigger(T0, postRoll: 30));

        Assert.Empty(camera.Record(CameraHarness.Trigger(T0 + (5 * Second), postRoll: 10)));
    }

    [Fact]
    public void Extensions_never_go_past_the_maximum_session_length_and_the_next_trigger_starts_a_new_session()
    {
        var camera = new CameraHarness();
        var first = Command(camera.Record(CameraHarness.Trigger(T0, maxSession: 30))); // [-5 s, 10 s], max end 25 s
        Command(camera.Record(CameraHarness.Trigger(T0 + (8 * Second), maxSession: 30)));  // → 18 s
        var clamped = Command(camera.Record(CameraHarness.Trigger(T0 + (16 * Second), maxSession: 30))); // → 26 s, clamped to 25 s

        Assert.Equal((first.SessionId, T0 + (25 * Second)), (clamped.SessionId, clamped.End));

        var effects = camera.Record(CameraHarness.Trigger(T0 + (20 * Second), maxSession: 30));

        var next = Command(effects);
        Assert.NotEqual(first.SessionId, next.SessionId);
        Assert.Equal((T0 + (25 * Second), T0 + (30 * Second)), (next.Start, next.End)); // continues where the full one ends
        var rows = effects.Of<UpsertRecordingSession>().ToList();
        Assert.Equal(
            [(first.SessionId!.Value, RecordingSessionStatus.Closed, "max-length"), (next.SessionId!.Value, RecordingSessionStatus.Open, null)],
            rows.Select(r => (r.SessionId, r.Status, r.CloseReason)));
    }

    [Fact]
    public void Trigger_after_the_session_ended_opens_a_new_one_without_recording_the_same_seconds_twice()
    {
        var camera = new CameraHarness();
        var first = Command(camera.Record(CameraHarness.Trigger(T0)));        // [-5 s, 10 s]

        var effects = camera.Record(CameraHarness.Trigger(T0 + (12 * Second))); // pre-roll would start at 7 s

        var second = Command(effects);
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal((T0 + (10 * Second), T0 + (22 * Second)), (second.Start, second.End));
        Assert.Equal("ended", effects.Of<UpsertRecordingSession>().First().CloseReason);
    }

    [Fact]
    public void Session_nobody_extends_is_closed_by_the_timer_after_its_end_and_the_grace_period()
    {
        var camera = new CameraHarness(new() { SessionCloseGrace = 2 * Second, OfflineAfter = TimeSpan.FromMinutes(10) });
        camera.Record(CameraHarness.Trigger(T0, postRoll: 10));

        // Trigger processed 100 ms after its event time: the session is over 10 s + 2 s after that.
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(12_100), camera.Grain.NextTimerDue);
        var row = Assert.Single(camera.FireTimer().Of<UpsertRecordingSession>());

        Assert.Equal((RecordingSessionStatus.Closed, "ended", T0 + (10 * Second)), (row.Status, row.CloseReason, row.End));
        Assert.Null(camera.Grain.State.Session);
        Assert.Null(camera.Grain.NextTimerDue);
    }

    [Fact]
    public void Session_close_time_follows_the_processing_lag_so_a_backlog_does_not_close_sessions_early()
    {
        var camera = new CameraHarness(new() { SessionCloseGrace = 2 * Second });
        camera.Clock.SetUtcNow(T0 + TimeSpan.FromHours(1)); // catching up an hour late

        camera.Record(CameraHarness.Trigger(T0, postRoll: 10));

        Assert.Equal(T0 + TimeSpan.FromHours(1) + (12 * Second), camera.Grain.NextTimerDue);
    }

    [Fact]
    public void Manual_start_uses_the_requested_session_id_and_manual_stop_ends_it_at_the_requested_time()
    {
        var camera = new CameraHarness();
        var requested = SessionId.From("ses-manual-1");
        var start = new RecordRequested
        {
            CameraId = Camera,
            TriggeredAt = T0,
            PreRoll = TimeSpan.Zero,
            PostRoll = TimeSpan.FromMinutes(5),
            MaxSession = TimeSpan.FromMinutes(10),
            Reason = "manual by alice",
            RequestedSessionId = requested,
        };

        var started = Command(camera.Record(start));
        Assert.Equal((requested, T0, T0 + TimeSpan.FromMinutes(5), (RuleId?)null), (started.SessionId!.Value, started.Start, started.End, started.RuleId));

        var effects = camera.Send(new StopRecordingRequested { CameraId = Camera, RequestedAt = T0 + (42 * Second), Reason = "stop by alice", RequestId = "stop-1" }, T0 + (42 * Second));

        var stop = Command(effects);
        Assert.Equal((SmartRecordCommand.StopRecording, requested, T0, T0 + (42 * Second), "stop by alice"), (stop.Command, stop.SessionId!.Value, stop.Start, stop.End, stop.Reason));
        var row = Assert.Single(effects.Of<UpsertRecordingSession>());
        Assert.Equal((RecordingSessionStatus.Closed, "stopped", T0 + (42 * Second)), (row.Status, row.CloseReason, row.End));
        Assert.Null(camera.Grain.State.Session);
    }

    [Fact]
    public void Stop_without_an_open_session_does_nothing()
    {
        var camera = new CameraHarness();

        Assert.Empty(camera.Send(new StopRecordingRequested { CameraId = Camera, RequestedAt = T0, RequestId = "stop-1" }, T0));
    }

    [Fact]
    public void Manual_start_during_a_rule_session_stops_that_one_and_starts_the_requested_one()
    {
        var camera = new CameraHarness();
        var ruleSession = Command(camera.Record(CameraHarness.Trigger(T0, postRoll: 30)));

        var effects = camera.Record(new RecordRequested
        {
            CameraId = Camera,
            TriggeredAt = T0 + (10 * Second),
            PreRoll = 5 * Second,
            PostRoll = TimeSpan.FromMinutes(1),
            MaxSession = TimeSpan.FromMinutes(5),
            RequestedSessionId = SessionId.From("ses-manual-2"),
        });

        var commands = effects.Of<PublishCommand>().Select(c => c.Command).ToList();
        Assert.Equal(
            [
                (SmartRecordCommand.StopRecording, ruleSession.SessionId!.Value, T0 - (5 * Second), T0 + (10 * Second)),
                (SmartRecordCommand.StartRecording, SessionId.From("ses-manual-2"), T0 + (10 * Second), T0 + (70 * Second)),
            ],
            commands.Select(c => (c.Command, c.SessionId!.Value, c.Start, c.End)));
    }

    [Fact]
    public void Device_sensor_id_defaults_to_the_camera_id()
    {
        var camera = new CameraHarness(config: new() { CameraId = Camera, Name = "Dock" });

        Assert.Equal("cam-1", Command(camera.Record(CameraHarness.Trigger(T0))).Sensor.Id);
    }

    [Fact]
    public void Record_request_without_a_container_records_mp4()
    {
        var camera = new CameraHarness();

        var row = Assert.Single(camera.Record(CameraHarness.Trigger(T0) with { Container = null! }).Of<UpsertRecordingSession>());

        Assert.Equal("mp4", row.Container);
    }
}

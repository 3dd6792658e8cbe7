using Microsoft.Extensions.Time.Testing;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.UnitTests.EdgeAgent;

public sealed class RecordingSessionsTests
{
    private readonly FakeTimeProvider time = new();
    private readonly CameraOptions camera = new() { Id = "cam1", Source = "rtsp://x/1", CacheSeconds = 30 };
    private readonly RecordingSessions sessions;

    public RecordingSessionsTests()
    {
        sessions = new RecordingSessions(time, new RecordingPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private SmartRecordCommand Start(double fromSeconds, double toSeconds, string? commandId = null, string? sessionId = null) => new()
    {
        Command = SmartRecordCommand.StartRecording,
        Start = Now.AddSeconds(fromSeconds),
        End = Now.AddSeconds(toSeconds),
        Sensor = new SmartRecordSensor { Id = "cam1" },
        CommandId = commandId is null ? null : CommandId.From(commandId),
        SessionId = sessionId is null ? null : SessionId.From(sessionId),
    };

    private SmartRecordCommand Stop(string? sessionId = null) => Start(-1, 1, sessionId: sessionId) with { Command = SmartRecordCommand.StopRecording };

    [Theory]
    [InlineData(5, 5, BadCommandReason.EndBeforeStart)]
    [InlineData(5, -5, BadCommandReason.EndBeforeStart)]
    [InlineData(-10, 3601, BadCommandReason.TooLong)]
    [InlineData(-600, -540, BadCommandReason.OlderThanCache)]
    [InlineData(7200, 7210, BadCommandReason.StartTooFarAhead)]
    public void Bad_windows_are_rejected_with_their_reason(double from, double to, BadCommandReason reason)
    {
        var outcome = sessions.Apply(Start(from, to), camera);

        Assert.Equal(CommandOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(reason, outcome.Reason);
        Assert.Empty(sessions.Open);
    }

    [Fact]
    public void A_start_older_than_the_cache_but_ending_inside_it_is_accepted_and_clipped_later()
    {
        var outcome = sessions.Apply(Start(-60, -20), camera);

        Assert.Equal(CommandOutcomeKind.Started, outcome.Kind);
    }

    [Fact]
    public void The_same_command_id_twice_is_one_session()
    {
        Assert.Equal(CommandOutcomeKind.Started, sessions.Apply(Start(-5, 5, commandId: "c1"), camera).Kind);
        Assert.Equal(CommandOutcomeKind.Duplicate, sessions.Apply(Start(-4, 9, commandId: "c1"), camera).Kind);

        Assert.Single(sessions.Open);
        Assert.Equal(Now.AddSeconds(5), sessions.Open[0].End);
    }

    [Fact]
    public void The_same_bare_DeepStream_content_twice_is_one_session()
    {
        var command = Start(-5, 5);

        Assert.Equal(CommandOutcomeKind.Started, sessions.Apply(command, camera).Kind);
        Assert.Equal(CommandOutcomeKind.Duplicate, sessions.Apply(command with { }, camera).Kind);
        Assert.Single(sessions.Open);
    }

    [Fact]
    public void Overlapping_bare_commands_join_one_session_as_DeepStream_records_one_clip_per_source()
    {
        sessions.Apply(Start(-5, 5), camera);
        var outcome = sessions.Apply(Start(-4, 8), camera);

        Assert.Equal(CommandOutcomeKind.Extended, outcome.Kind);
        Assert.Single(sessions.Open);
        Assert.Equal((Now.AddSeconds(-5), Now.AddSeconds(8)), (sessions.Open[0].Start, sessions.Open[0].End));
    }

    [Fact]
    public void A_later_end_with_the_same_session_id_extends_into_one_clip()
    {
        var first = sessions.Apply(Start(-5, 5, commandId: "a", sessionId: "s1"), camera).Session!;
        var outcome = sessions.Apply(Start(0, 15, commandId: "b", sessionId: "s1"), camera);

        Assert.Equal(CommandOutcomeKind.Extended, outcome.Kind);
        Assert.Single(sessions.Open);
        Assert.Equal(first.ClipId, outcome.Session!.ClipId);
        Assert.Equal(Now.AddSeconds(15), sessions.Open[0].End);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(sessions.TakeDue());
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(sessions.TakeDue());
    }

    [Fact]
    public void An_extension_past_the_maximum_length_is_rejected_and_leaves_the_session_alone()
    {
        sessions.Apply(Start(-5, 5, sessionId: "s1"), camera);

        var outcome = sessions.Apply(Start(0, 3700, sessionId: "s1"), camera);

        Assert.Equal(BadCommandReason.TooLong, outcome.Reason);
        Assert.Equal(Now.AddSeconds(5), sessions.Open[0].End);
    }

    [Fact]
    public void An_extension_after_the_clip_was_cut_becomes_the_next_part_starting_where_it_ended()
    {
        var first = sessions.Apply(Start(-5, 5, sessionId: "s1"), camera).Session!;
        time.Advance(TimeSpan.FromSeconds(5));
        var due = Assert.Single(sessions.TakeDue());
        sessions.Complete(due.SessionKey);

        var outcome = sessions.Apply(Start(-8, 10, sessionId: "s1"), camera);

        Assert.Equal(CommandOutcomeKind.Started, outcome.Kind);
        Assert.Equal(2, outcome.Session!.Part);
        Assert.NotEqual(first.ClipId, outcome.Session.ClipId);
        Assert.Equal(first.End, outcome.Session.Start);
    }

    [Fact]
    public void An_extension_already_covered_by_the_cut_clip_changes_nothing()
    {
        sessions.Apply(Start(-5, 5, sessionId: "s1"), camera);
        time.Advance(TimeSpan.FromSeconds(6));
        sessions.Complete(Assert.Single(sessions.TakeDue()).SessionKey);

        Assert.Equal(CommandOutcomeKind.Ignored, sessions.Apply(Start(-9, -2, sessionId: "s1"), camera).Kind);
        Assert.Empty(sessions.Open);
    }

    [Fact]
    public void Stop_ends_the_open_session_now()
    {
        sessions.Apply(Start(-5, 60), camera);
        time.Advance(TimeSpan.FromSeconds(3));

        var outcome = sessions.Apply(Stop(), camera);

        Assert.Equal(CommandOutcomeKind.Stopped, outcome.Kind);
        var due = Assert.Single(sessions.TakeDue());
        Assert.Equal(Now, due.RequestedEnd);
    }

    [Fact]
    public void Stop_with_a_session_id_ends_only_that_session()
    {
        sessions.Apply(Start(-5, 60, sessionId: "a"), camera);
        sessions.Apply(Start(-5, 60, sessionId: "b"), camera);
        time.Advance(TimeSpan.FromSeconds(1));

        sessions.Apply(Stop(sessionId: "a"), camera);

        Assert.Equal("s:a", Assert.Single(sessions.TakeDue()).SessionKey);
        Assert.Single(sessions.Open, s => !s.Cutting);
    }

    [Fact]
    public void Stop_before_the_session_began_cancels_it()
    {
        sessions.Apply(Start(10, 20), camera);

        sessions.Apply(Stop(), camera);

        Assert.Empty(sessions.Open);
    }

    [Fact]
    public void Stop_without_an_open_session_is_ignored() =>
        Assert.Equal(CommandOutcomeKind.Ignored, sessions.Apply(Stop(), camera).Kind);

    [Fact]
    public void A_session_is_due_once_its_end_has_passed_and_handed_out_once()
    {
        sessions.Apply(Start(-5, 5), camera);
        Assert.Equal(Now.AddSeconds(5), sessions.NextDueAt);
        Assert.True(sessions.IsRecording(Platform.Grains.Interfaces.Ids.CameraId.From("cam1")));

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(sessions.TakeDue());
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Single(sessions.TakeDue());
        Assert.Empty(sessions.TakeDue());
        Assert.Null(sessions.NextDueAt);
    }

    [Fact]
    public void Clip_ids_are_the_same_for_the_same_command_in_another_agent_instance()
    {
        var command = Start(-5, 5, commandId: "rule-7@offset-42");
        var other = new RecordingSessions(time, new RecordingPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));

        Assert.Equal(sessions.Apply(command, camera).Session!.ClipId, other.Apply(command, camera).Session!.ClipId);
        var third = new RecordingSessions(time, new RecordingPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        Assert.NotEqual(sessions.Open[0].ClipId,
            third.Apply(Start(-5, 5, commandId: "rule-7@offset-43"), camera).Session!.ClipId);
    }

    [Fact]
    public void A_restored_snapshot_keeps_sessions_dedupe_memory_and_hands_out_sessions_being_cut_again()
    {
        sessions.Apply(Start(-5, 5, commandId: "c1"), camera);
        time.Advance(TimeSpan.FromSeconds(5));
        sessions.TakeDue();
        var restored = new RecordingSessions(time, new RecordingPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));

        restored.Restore(sessions.Snapshot());

        Assert.Equal(CommandOutcomeKind.Duplicate, restored.Apply(Start(-10, 0, commandId: "c1"), camera).Kind);
        Assert.Single(restored.TakeDue());
    }

    [Fact]
    public void Dedupe_memory_is_forgotten_after_the_window()
    {
        var command = Start(-5, 5, commandId: "c1");
        sessions.Apply(command, camera);
        time.Advance(TimeSpan.FromHours(2));
        sessions.Complete(Assert.Single(sessions.TakeDue()).SessionKey);

        // Long after, the same id is news again (and then too old for the cache).
        Assert.Equal(BadCommandReason.OlderThanCache, sessions.Apply(command, camera).Reason);
    }

}

using Platform.Grains.Effects;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Messages;
using Platform.Grains.Interfaces.Rules;
using Platform.Grains.Turns;

namespace Platform.Grains.Cameras;

/// <summary>
/// What the camera grain does, without Orleans, Kafka or SQL: turns record requests into recording sessions and Smart Video Record commands,
/// keeps the edge status from heartbeats, and catalogs uploaded clips. Session times are event times (the
/// triggering detection's timestamp); processing time is used only for liveness: heartbeat silence and
/// closing a session nobody extended.
/// </summary>
public sealed class CameraLogic
{
    private readonly CameraGrainOptions options;
    private CameraConfig config;

    public CameraLogic(CameraConfig config, CameraState state, CameraGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);

        this.config = config;
        this.options = options;
        CameraId = config.CameraId;
        Id = GrainKey.ForCamera(config.CameraId);
        State = state;
    }

    public GrainKey Id { get; }

    public CameraId CameraId { get; }

    /// <summary>The state to persist after each turn (mutated in place).</summary>
    public CameraState State { get; }

    /// <summary>When the host should call <see cref="OnTimer"/> (processing time): the heartbeat deadline or the open session's close, whichever is first; null when neither.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            DateTimeOffset? offline = State.Online && State.LastHeartbeatReceivedAt is { } last ? last + options.OfflineAfter : null;
            DateTimeOffset? close = State.Session?.CloseDue;
            return offline is null ? close : close is null ? offline : offline < close ? offline : close;
        }
    }

    /// <summary>Applies a reloaded camera configuration (device sensor id, name); later commands use it.</summary>
    public void Configure(CameraConfig newConfig)
    {
        ArgumentNullException.ThrowIfNull(newConfig);
        config = newConfig;
    }

    /// <summary>
    /// Applies one message. Returns false when the message is not for a camera grain (the host logs and counts
    /// it). A configuration change is not a message: the grain reloads it and calls <see cref="Configure"/>.
    /// </summary>
    public bool Handle(GrainEnvelope envelope, GrainTurn turn)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(turn);

        switch (envelope.Message)
        {
            case RecordRequested record:
                ApplyRecord(envelope, record, turn);
                return true;
            case StopRecordingRequested stop:
                ApplyStop(envelope, stop, turn);
                return true;
            case CameraHeartbeat heartbeat:
                ApplyHeartbeat(envelope, heartbeat, turn);
                return true;
            case ClipReceived clip:
                ApplyClip(clip, turn);
                return true;
            case SegmentReceived segment:
                // Nothing in the grain's state depends on it: the catalog row is the whole effect.
                turn.Emit(new InsertContinuousSegment
                {
                    EffectId = turn.NewId("seg", Id, segment.Segment.MessageId),
                    CameraId = CameraId,
                    Segment = segment.Segment,
                });
                return true;
            default:
                return false;
        }
    }

    /// <summary>Marks the camera offline after a heartbeat silence and closes a session whose end has passed.</summary>
    public void OnTimer(GrainTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);

        if (State.Online && State.LastHeartbeatReceivedAt is { } last && turn.Now >= last + options.OfflineAfter)
        {
            State.Online = false;
            EmitStatus(turn, "offline");
        }

        if (State.Session is { } open && turn.Now >= open.CloseDue)
        {
            Close(open, open.End >= open.MaxEnd ? "max-length" : "ended", turn);
        }
    }

    private void ApplyRecord(GrainEnvelope envelope, RecordRequested request, GrainTurn turn)
    {
        var at = request.TriggeredAt;
        var start = at - request.PreRoll;
        var end = at + request.PostRoll;
        var purpose = (request.RuleId?.Value ?? "manual") + "|" + envelope.MessageId;

        if (State.Session is { } open)
        {
            if (request.RuleId is null && request.RequestedSessionId is { } requested && requested != open.SessionId)
            {
                // The gateway already told the user the new session's id: end the open one here and start that one.
                if (at < open.End)
                {
                    Stop(open, Max(open.Start, at), "superseded by a manual recording", purpose, turn);
                }

                Close(open, "superseded", turn);
                start = Max(start, open.End);
            }
            else if (at <= open.End)
            {
                if (end <= open.End)
                {
                    return; // the open session already covers this trigger's post-roll
                }

                if (open.End < open.MaxEnd)
                {
                    open.End = Min(end, open.MaxEnd);
                    open.Extensions++;
                    AddRule(open, request.RuleId);
                    open.CloseDue = CloseDue(open.End, at, turn);
                    EmitStart(open, request, purpose, turn);
                    EmitSession(open, RecordingSessionStatus.Extended, null, turn);
                    return;
                }

                // The open session has reached its maximum length: a new one continues where it ends.
                Close(open, "max-length", turn);
                start = Max(start, open.End);
            }
            else
            {
                Close(open, "ended", turn);
                start = Max(start, open.End); // never record the same seconds twice
            }
        }

        if (end <= start)
        {
            return;
        }

        var maxEnd = start + (request.MaxSession > TimeSpan.Zero ? request.MaxSession : end - start);
        var session = new RecordingSession
        {
            SessionId = request.RequestedSessionId ?? SessionId.From(turn.NewId("ses", Id, purpose)),
            Start = start,
            End = Min(end, maxEnd),
            MaxEnd = maxEnd,
            RuleId = request.RuleId,
            SensorId = request.SensorId,
            TriggerMessageId = request.TriggerMessageId ?? envelope.MessageId,
            Reason = request.Reason,
            Container = string.IsNullOrEmpty(request.Container) ? RecordAction.Mp4 : request.Container,
        };
        session.CloseDue = CloseDue(session.End, at, turn);
        AddRule(session, request.RuleId);
        State.Session = session;
        EmitStart(session, request, purpose, turn);
        EmitSession(session, RecordingSessionStatus.Open, null, turn);
    }

    private void ApplyStop(GrainEnvelope envelope, StopRecordingRequested request, GrainTurn turn)
    {
        if (State.Session is not { } open)
        {
            return; // nothing is recording: a repeated or late stop is harmless
        }

        if (request.RequestedAt < open.End)
        {
            open.End = Max(open.Start, request.RequestedAt);
            Stop(open, open.End, request.Reason ?? "manual stop", "manual-stop|" + envelope.MessageId, turn);
        }

        Close(open, "stopped", turn);
    }

    private void ApplyHeartbeat(GrainEnvelope envelope, CameraHeartbeat heartbeat, GrainTurn turn)
    {
        State.Online = true;
        State.LastHeartbeatAt = heartbeat.ReportedAt;
        State.LastHeartbeatReceivedAt = turn.Now;
        State.AgentId = heartbeat.AgentId;
        State.Connected = heartbeat.Camera.Connected;
        State.Recording = heartbeat.Camera.Recording;
        State.CacheSeconds = heartbeat.Camera.CacheSeconds;
        EmitStatus(turn, "heartbeat|" + envelope.MessageId);
    }

    private void ApplyClip(ClipReceived message, GrainTurn turn)
    {
        var clip = message.Clip;
        SessionLink? link = null;
        if (clip.SessionId is { } sessionId)
        {
            link = State.Session is { } open && open.SessionId == sessionId
                ? Link(open)
                : State.RecentSessions?.FindLast(s => s.SessionId == sessionId);
        }

        turn.Emit(new InsertClip
        {
            EffectId = turn.NewId("clp", Id, clip.ClipId.Value),
            CameraId = CameraId,
            Clip = clip,
            SessionId = clip.SessionId,
            RuleId = link?.RuleId,
            RuleIds = link?.RuleIds ?? [],
            SensorId = link?.SensorId,
            TriggerMessageId = link?.TriggerMessageId,
        });
    }

    private void EmitStart(RecordingSession session, RecordRequested request, string purpose, GrainTurn turn)
    {
        var commandId = turn.NewId("cmd", Id, "start|" + purpose);
        turn.Emit(new PublishCommand
        {
            EffectId = commandId,
            CameraId = CameraId,
            Command = new SmartRecordCommand
            {
                Command = SmartRecordCommand.StartRecording,
                Start = session.Start,
                End = session.End,
                Sensor = new SmartRecordSensor { Id = config.EffectiveDeviceSensorId },
                CommandId = CommandId.From(commandId),
                SessionId = session.SessionId,
                CameraId = CameraId,
                RuleId = request.RuleId,
                Reason = request.Reason,
            },
        });
    }

    private void Stop(RecordingSession session, DateTimeOffset end, string reason, string purpose, GrainTurn turn)
    {
        var commandId = turn.NewId("cmd", Id, "stop|" + purpose);
        turn.Emit(new PublishCommand
        {
            EffectId = commandId,
            CameraId = CameraId,
            Command = new SmartRecordCommand
            {
                Command = SmartRecordCommand.StopRecording,
                Start = session.Start,
                End = end,
                Sensor = new SmartRecordSensor { Id = config.EffectiveDeviceSensorId },
                CommandId = CommandId.From(commandId),
                SessionId = session.SessionId,
                CameraId = CameraId,
                RuleId = session.RuleId,
                Reason = reason,
            },
        });
        session.End = end;
    }

    private void Close(RecordingSession session, string reason, GrainTurn turn)
    {
        EmitSession(session, RecordingSessionStatus.Closed, reason, turn);
        State.Session = null;
        if (options.RecentSessions > 0)
        {
            var recent = State.RecentSessions ??= [];
            recent.Add(Link(session));
            if (recent.Count > options.RecentSessions)
            {
                recent.RemoveRange(0, recent.Count - options.RecentSessions);
            }
        }
    }

    private void EmitSession(RecordingSession session, RecordingSessionStatus status, string? closeReason, GrainTurn turn) =>
        turn.Emit(new UpsertRecordingSession
        {
            EffectId = turn.NewId("ses-row", Id, $"{session.SessionId}|{status}"),
            SessionId = session.SessionId,
            CameraId = CameraId,
            Status = status,
            Start = session.Start,
            End = session.End,
            MaxEnd = session.MaxEnd,
            RuleId = session.RuleId,
            RuleIds = session.RuleIds ?? [],
            SensorId = session.SensorId,
            TriggerMessageId = session.TriggerMessageId,
            Reason = session.Reason,
            Container = session.Container,
            Extensions = session.Extensions,
            CloseReason = closeReason,
        });

    private void EmitStatus(GrainTurn turn, string purpose) =>
        turn.Emit(new UpsertCameraStatus
        {
            EffectId = turn.NewId("sts", Id, purpose),
            CameraId = CameraId,
            Online = State.Online,
            LastHeartbeatAt = State.LastHeartbeatAt,
            LastHeartbeatReceivedAt = State.LastHeartbeatReceivedAt,
            AgentId = State.AgentId,
            Connected = State.Connected,
            Recording = State.Recording,
            CacheSeconds = State.CacheSeconds,
            OpenSessionId = State.Session?.SessionId,
            ChangedAt = turn.Now,
        });

    /// <summary>
    /// The processing time at which a session ending at <paramref name="end"/> (event time) is over: the event
    /// time left after the trigger, added to the processing time of the trigger, plus the grace period.
    /// </summary>
    private DateTimeOffset CloseDue(DateTimeOffset end, DateTimeOffset triggeredAt, GrainTurn turn) =>
        turn.Now + Max(TimeSpan.Zero, end - triggeredAt) + options.SessionCloseGrace;

    private static void AddRule(RecordingSession session, RuleId? ruleId)
    {
        if (ruleId is { } id && session.RuleIds?.Contains(id) != true)
        {
            (session.RuleIds ??= new List<RuleId>(1)).Add(id);
        }
    }

    private static SessionLink Link(RecordingSession session) => new()
    {
        SessionId = session.SessionId,
        RuleId = session.RuleId,
        RuleIds = session.RuleIds,
        SensorId = session.SensorId,
        TriggerMessageId = session.TriggerMessageId,
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

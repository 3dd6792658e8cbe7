using Platform.EdgeAgent.Clips;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;
using Platform.Grains.Interfaces.Json;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// The agent's recording sessions and command dedupe: pure logic driven by a <see cref="TimeProvider"/>, no I/O,
/// not thread-safe (its owner serializes calls).
/// <list type="bullet">
/// <item>A command seen before (same commandId, or same content when it has none) changes nothing.</item>
/// <item>start-recording with a sessionId extends that session's open clip (later end, or earlier start); once the
/// clip is cut, a later end becomes the next part, starting where the cut one ended.</item>
/// <item>start-recording without a sessionId (DeepStream's bare message) joins an open session of the camera that it
/// overlaps or touches, as DeepStream's own Smart Video Record keeps one recording per source; otherwise it opens one.</item>
/// <item>stop-recording ends the camera's open sessions (or the named one) now.</item>
/// <item>Bad windows (end before start, longer than allowed, wholly older than the cache, starting absurdly far ahead) are rejected.</item>
/// </list>
/// </summary>
internal sealed class RecordingSessions(TimeProvider time, RecordingPolicy policy)
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly List<RecordingSession> sessions = [];
    private readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CutSession> cut = new(StringComparer.Ordinal);
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    public IReadOnlyList<RecordingSession> Open => sessions;

    public CommandOutcome Apply(SmartRecordCommand command, CameraOptions camera, string? traceParent = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(camera);
        var now = time.GetUtcNow();
        Prune(now);
        var key = CommandKeys.DedupeKey(command);
        if (seen.ContainsKey(key))
        {
            return new CommandOutcome(CommandOutcomeKind.Duplicate);
        }

        CommandOutcome outcome;
        if (command.Command == SmartRecordCommand.StopRecording)
        {
            outcome = Stop(command, camera, now);
        }
        else
        {
            var invalid = Validate(command, camera, now);
            if (invalid is not null)
            {
                return invalid;
            }

            outcome = Start(command, camera, key, traceParent);
        }

        // A stop-recording's end is not validated: one near DateTimeOffset.MaxValue must not overflow (and stop the consumer).
        var last = command.End > now ? command.End : now;
        var forgetAfter = last < DateTimeOffset.MaxValue - policy.DedupeWindow ? last + policy.DedupeWindow : DateTimeOffset.MaxValue;
        seen[key] = forgetAfter;
        return outcome;
    }

    /// <summary>Sessions whose end has passed, marked as being cut; each is handed out once (until <see cref="Restore"/>).</summary>
    public IReadOnlyList<DueClip> TakeDue()
    {
        var now = time.GetUtcNow();
        var due = new List<DueClip>();
        foreach (var session in sessions.Where(s => !s.Cutting && s.End <= now).OrderBy(s => s.End))
        {
            session.Cutting = true;
            due.Add(session.ToDue());
        }

        return due;
    }

    /// <summary>The clip of a session taken by <see cref="TakeDue"/> is in the spool (or failed for good): forget the session.</summary>
    public void Complete(string sessionKey)
    {
        var session = sessions.FirstOrDefault(s => s.Key == sessionKey && s.Cutting);
        if (session is null)
        {
            return;
        }

        sessions.Remove(session);
        cut[sessionKey] = new CutSession(sessionKey, session.Part, session.End, time.GetUtcNow() + policy.DedupeWindow);
    }

    /// <summary>When the next session becomes due, if any is waiting.</summary>
    public DateTimeOffset? NextDueAt =>
        sessions.Where(s => !s.Cutting).Select(s => (DateTimeOffset?)s.End).Min();

    /// <summary>The earliest start any open session of the camera needs from the cache.</summary>
    public DateTimeOffset? EarliestStart(CameraId camera) =>
        sessions.Where(s => s.CameraId == camera).Select(s => (DateTimeOffset?)s.Start).Min();

    /// <summary>True while a session of the camera covers the present.</summary>
    public bool IsRecording(CameraId camera)
    {
        var now = time.GetUtcNow();
        return sessions.Any(s => s.CameraId == camera && s.Start <= now && now < s.End);
    }

    public RecordingSessionsState Snapshot() => new()
    {
        Sessions = sessions.Select(Copy).ToList(),
        Seen = new Dictionary<string, DateTimeOffset>(seen, StringComparer.Ordinal),
        Cut = [.. cut.Values],
    };

    /// <summary>Loads a snapshot; sessions that were being cut are due again (their clip id is the same, so a repeat cut is harmless).</summary>
    public void Restore(RecordingSessionsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        sessions.Clear();
        seen.Clear();
        cut.Clear();
        foreach (var session in state.Sessions)
        {
            var copy = Copy(session);
            copy.Cutting = false;
            sessions.Add(copy);
        }

        foreach (var (key, forgetAfter) in state.Seen)
        {
            seen[key] = forgetAfter;
        }

        foreach (var entry in state.Cut)
        {
            cut[entry.Key] = entry;
        }
    }

    private CommandOutcome? Validate(SmartRecordCommand command, CameraOptions camera, DateTimeOffset now)
    {
        if (command.End <= command.Start)
        {
            return CommandOutcome.Bad(BadCommandReason.EndBeforeStart,
                $"end {Wire(command.End)} is not after start {Wire(command.Start)}");
        }

        if (command.End - command.Start > policy.MaxClipLength)
        {
            return CommandOutcome.Bad(BadCommandReason.TooLong,
                $"{(command.End - command.Start).TotalSeconds:F0} s is longer than the {policy.MaxClipLength.TotalSeconds:F0} s allowed");
        }

        if (command.End < now - camera.CacheWindow)
        {
            return CommandOutcome.Bad(BadCommandReason.OlderThanCache,
                $"the window ended at {Wire(command.End)}, before the {camera.CacheSeconds:F0} s cache of camera '{camera.Id}' begins");
        }

        if (command.Start > now + policy.MaxClipLength)
        {
            return CommandOutcome.Bad(BadCommandReason.StartTooFarAhead,
                $"start {Wire(command.Start)} is more than {policy.MaxClipLength.TotalSeconds:F0} s ahead");
        }

        return null;
    }

    private CommandOutcome Start(SmartRecordCommand command, CameraOptions camera, string dedupeKey, string? traceParent)
    {
        var cameraId = CameraId.From(camera.Id);
        RecordingSession? open;
        string sessionKey;
        if (command.SessionId is { } sessionId)
        {
            sessionKey = "s:" + sessionId.Value;
            open = sessions.FirstOrDefault(s => s.Key == sessionKey && s.CameraId == cameraId && !s.Cutting);
        }
        else
        {
            sessionKey = "c:" + dedupeKey;
            open = sessions.FirstOrDefault(s => s.CameraId == cameraId && s.SessionId is null && !s.Cutting &&
                command.Start <= s.End && command.End >= s.Start);
        }

        if (open is not null)
        {
            var newStart = command.Start < open.Start ? command.Start : open.Start;
            var newEnd = command.End > open.End ? command.End : open.End;
            if (newEnd - newStart > policy.MaxClipLength)
            {
                return CommandOutcome.Bad(BadCommandReason.TooLong,
                    $"extending session '{open.Key}' would make it {(newEnd - newStart).TotalSeconds:F0} s, longer than the {policy.MaxClipLength.TotalSeconds:F0} s allowed");
            }

            if (newStart == open.Start && newEnd == open.End)
            {
                return new CommandOutcome(CommandOutcomeKind.Ignored, Detail: "already covered by the open session", Session: open);
            }

            open.Start = newStart;
            open.End = newEnd;
            return new CommandOutcome(CommandOutcomeKind.Extended, Session: open);
        }

        // A later end for a session whose clip is already cut (or being cut) becomes its next part.
        var part = 1;
        var start = command.Start;
        var previous = sessions.FirstOrDefault(s => s.Key == sessionKey && s.CameraId == cameraId && s.Cutting);
        var done = cut.GetValueOrDefault(sessionKey);
        var previousPart = previous?.Part ?? done?.Part ?? 0;
        var previousEnd = previous?.End ?? done?.End;
        if (previousPart > 0 && command.SessionId is not null)
        {
            if (command.End <= previousEnd)
            {
                return new CommandOutcome(CommandOutcomeKind.Ignored, Detail: "already covered by a clip of this session");
            }

            part = previousPart + 1;
            if (start < previousEnd!.Value)
            {
                start = previousEnd.Value;
            }
        }

        var session = new RecordingSession
        {
            Key = sessionKey,
            CameraId = cameraId,
            SessionId = command.SessionId,
            CommandId = command.CommandId,
            Part = part,
            ClipId = ClipIds.For(camera.Id, sessionKey, part),
            Start = start,
            End = command.End,
            TraceParent = traceParent,
        };
        sessions.Add(session);
        return new CommandOutcome(CommandOutcomeKind.Started, Session: session);
    }

    private CommandOutcome Stop(SmartRecordCommand command, CameraOptions camera, DateTimeOffset now)
    {
        var cameraId = CameraId.From(camera.Id);
        var targets = sessions.Where(s => s.CameraId == cameraId && !s.Cutting &&
            (command.SessionId is null || s.SessionId == command.SessionId)).ToList();
        if (targets.Count == 0)
        {
            return new CommandOutcome(CommandOutcomeKind.Ignored, Detail: "no open session to stop");
        }

        foreach (var session in targets)
        {
            if (now <= session.Start)
            {
                // Stopped before it began: there is nothing to record.
                sessions.Remove(session);
            }
            else if (now < session.End)
            {
                session.End = now;
            }
        }

        return new CommandOutcome(CommandOutcomeKind.Stopped, Session: targets[0]);
    }

    private void Prune(DateTimeOffset now)
    {
        if (now - lastPrune < PruneInterval)
        {
            return;
        }

        lastPrune = now;
        foreach (var key in seen.Where(e => e.Value < now).Select(e => e.Key).ToList())
        {
            seen.Remove(key);
        }

        foreach (var key in cut.Where(e => e.Value.ForgetAfter < now).Select(e => e.Key).ToList())
        {
            cut.Remove(key);
        }
    }

    private static RecordingSession Copy(RecordingSession s) => new()
    {
        Key = s.Key,
        CameraId = s.CameraId,
        SessionId = s.SessionId,
        CommandId = s.CommandId,
        Part = s.Part,
        ClipId = s.ClipId,
        Start = s.Start,
        End = s.End,
        TraceParent = s.TraceParent,
        Cutting = s.Cutting,
    };

    private static string Wire(DateTimeOffset value) => UtcMillisecondsJsonConverter.ToWire(value);
}
